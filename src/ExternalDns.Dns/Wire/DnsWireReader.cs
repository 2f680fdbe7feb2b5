using System.Buffers.Binary;
using System.Text;

namespace ExternalDns.Dns.Wire;

/// <summary>
/// Reads DNS wire format with bounds checks on every read. Names may use compression pointers; every pointer must
/// point strictly before the previous jump target (or the start of the name), so decoding always terminates.
/// Any malformed input gives a <see cref="DnsFormatException"/>.
/// </summary>
public sealed class DnsWireReader
{
    private readonly byte[] _data;
    private int _limit;

    public DnsWireReader(byte[] data)
    {
        _data = data ?? throw new ArgumentNullException(nameof(data));
        _limit = data.Length;
    }

    /// <summary>The whole message being read (compression pointers refer to it).</summary>
    public ReadOnlySpan<byte> Data => _data;

    public int Position { get; set; }

    /// <summary>The end of the current region (the message, or the RDATA being read).</summary>
    public int Limit
    {
        get => _limit;
        set
        {
            if (value < 0 || value > _data.Length)
            {
                throw new DnsFormatException($"A length points past the end of the message ({value} > {_data.Length}).");
            }

            _limit = value;
        }
    }

    public int Remaining => _limit - Position;

    public byte ReadByte()
    {
        Need(1);
        return _data[Position++];
    }

    public ushort ReadUInt16()
    {
        Need(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(Position));
        Position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Need(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(Position));
        Position += 4;
        return value;
    }

    public long ReadUInt48()
    {
        long high = ReadUInt16();
        long low = ReadUInt32();
        return (high << 32) | low;
    }

    public byte[] ReadBytes(int count)
    {
        if (count < 0)
        {
            throw new DnsFormatException("Negative length.");
        }

        Need(count);
        var bytes = _data.AsSpan(Position, count).ToArray();
        Position += count;
        return bytes;
    }

    public byte[] ReadCharacterString()
    {
        var length = ReadByte();
        return ReadBytes(length);
    }

    /// <summary>Reads a (possibly compressed) domain name in presentation form, without trailing dot; root is "".</summary>
    public string ReadName()
    {
        var builder = new StringBuilder();
        var position = Position;
        var boundary = Position; // pointers must go strictly below this
        var jumped = false;
        var wireLength = 1;
        while (true)
        {
            var end = jumped ? _data.Length : _limit;
            if (position >= end)
            {
                throw new DnsFormatException("A domain name runs past the end of its data.");
            }

            var length = _data[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= end)
                {
                    throw new DnsFormatException("A compression pointer is cut off.");
                }

                var target = ((length & 0x3F) << 8) | _data[position + 1];
                if (target >= boundary)
                {
                    throw new DnsFormatException($"A compression pointer at offset {position} does not point backwards (to {target}).");
                }

                if (!jumped)
                {
                    Position = position + 2;
                    jumped = true;
                }

                boundary = target;
                position = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                throw new DnsFormatException($"Unsupported label type 0x{length:x2} at offset {position}.");
            }

            if (length == 0)
            {
                if (!jumped)
                {
                    Position = position + 1;
                }

                return builder.ToString();
            }

            wireLength += length + 1;
            if (wireLength > DnsNameText.MaxWireLength)
            {
                throw new DnsFormatException("A domain name is longer than 255 bytes.");
            }

            if (position + 1 + length > end)
            {
                throw new DnsFormatException("A label runs past the end of its data.");
            }

            DnsNameText.AppendLabel(builder, _data.AsSpan(position + 1, length));
            position += 1 + length;
        }
    }

    private void Need(int count)
    {
        if (Position < 0 || count > _limit - Position)
        {
            throw new DnsFormatException($"Unexpected end of data at offset {Position} (needed {count} bytes, {Math.Max(0, _limit - Position)} left).");
        }
    }
}
