using System.Text;
using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>
/// RDATA of a TXT record: one or more character-strings of at most 255 bytes each.
/// <see cref="FromText"/> splits a longer value into 255-byte strings; <see cref="Text"/> joins them back.
/// </summary>
public sealed class TxtRecordData : DnsRecordData
{
    public const int MaxStringLength = 255;

    public TxtRecordData(IEnumerable<byte[]> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        Strings = [.. strings];
        if (Strings.Count == 0)
        {
            throw new ArgumentException("A TXT record holds at least one string.", nameof(strings));
        }

        foreach (var s in Strings)
        {
            if (s is null || s.Length > MaxStringLength)
            {
                throw new ArgumentException("Each TXT string holds at most 255 bytes.", nameof(strings));
            }
        }
    }

    public IReadOnlyList<byte[]> Strings { get; }

    /// <summary>All strings concatenated and decoded as UTF-8: the value that was split by <see cref="FromText"/>.</summary>
    public string Text
    {
        get
        {
            var total = new List<byte>();
            foreach (var s in Strings)
            {
                total.AddRange(s);
            }

            return Encoding.UTF8.GetString([.. total]);
        }
    }

    /// <summary>Encodes <paramref name="value"/> as UTF-8 and splits it into strings of at most 255 bytes.</summary>
    public static TxtRecordData FromText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var strings = new List<byte[]>();
        for (var i = 0; i < bytes.Length; i += MaxStringLength)
        {
            strings.Add(bytes.AsSpan(i, Math.Min(MaxStringLength, bytes.Length - i)).ToArray());
        }

        if (strings.Count == 0)
        {
            strings.Add([]);
        }

        return new TxtRecordData(strings);
    }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var s in Strings)
        {
            writer.WriteCharacterString(s);
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var s in Strings)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append('"');
            foreach (var b in s)
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    builder.Append('\\').Append((char)b);
                }
                else if (b is < 0x20 or > 0x7e)
                {
                    builder.Append('\\').Append(((int)b).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append((char)b);
                }
            }

            builder.Append('"');
        }

        return builder.ToString();
    }

    internal static TxtRecordData ReadBody(DnsWireReader reader)
    {
        var strings = new List<byte[]>();
        while (reader.Remaining > 0)
        {
            strings.Add(reader.ReadCharacterString());
        }

        return new TxtRecordData(strings);
    }
}
