using System.Buffers.Binary;
using System.Text;

namespace ExternalDns.Dns.Wire;

/// <summary>
/// Writes DNS wire format into a growing buffer, with name compression (RFC 1035 4.1.4) when asked for:
/// each name suffix written at an offset below 0x4000 can be pointed to by later names.
/// </summary>
public sealed class DnsWireWriter
{
    /// <summary>The largest DNS message (TCP length prefix is 16 bits).</summary>
    public const int MaxMessageLength = 65535;

    private readonly Dictionary<string, int> _compression = new(StringComparer.Ordinal);
    private byte[] _buffer;
    private int _length;

    public DnsWireWriter(int capacity = 512)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray()
    {
        if (_length > MaxMessageLength)
        {
            throw new InvalidOperationException($"The DNS message is {_length} bytes long, more than {MaxMessageLength}.");
        }

        return _buffer.AsSpan(0, _length).ToArray();
    }

    /// <summary>The written bytes without the 65535-byte message limit (for digests that span several messages).</summary>
    public byte[] ToArrayUnbounded() => _buffer.AsSpan(0, _length).ToArray();

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    /// <summary>Writes the low 48 bits of <paramref name="value"/> (TSIG time signed).</summary>
    public void WriteUInt48(long value)
    {
        WriteUInt16((ushort)((value >> 32) & 0xFFFF));
        WriteUInt32((uint)(value & 0xFFFFFFFF));
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Overwrites two bytes already written (an RDLENGTH or a header count).</summary>
    public void SetUInt16(int offset, ushort value)
    {
        if (offset < 0 || offset + 2 > _length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset));
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(offset), value);
    }

    /// <summary>Writes a <c>character-string</c>: a length byte and up to 255 bytes.</summary>
    public void WriteCharacterString(ReadOnlySpan<byte> value)
    {
        if (value.Length > 255)
        {
            throw new ArgumentException("A character-string holds at most 255 bytes.", nameof(value));
        }

        WriteByte((byte)value.Length);
        WriteBytes(value);
    }

    /// <summary>Writes a domain name; with <paramref name="compress"/> earlier suffixes are reused through pointers.</summary>
    public void WriteName(string name, bool compress)
    {
        var labels = DnsNameText.ParseLabels(name);
        for (var i = 0; i < labels.Count; i++)
        {
            var key = SuffixKey(labels, i);
            if (compress && _compression.TryGetValue(key, out var pointer))
            {
                WriteUInt16((ushort)(0xC000 | pointer));
                return;
            }

            if (_length < 0x4000 && !_compression.ContainsKey(key))
            {
                _compression[key] = _length;
            }

            WriteByte((byte)labels[i].Length);
            WriteBytes(labels[i]);
        }

        WriteByte(0);
    }

    private static string SuffixKey(List<byte[]> labels, int start)
    {
        var builder = new StringBuilder();
        for (var i = start; i < labels.Count; i++)
        {
            DnsNameText.AppendLabel(builder, labels[i]);
        }

        return builder.ToString().ToLowerInvariant();
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        var size = Math.Max(_buffer.Length * 2, _length + extra);
        Array.Resize(ref _buffer, size);
    }
}
