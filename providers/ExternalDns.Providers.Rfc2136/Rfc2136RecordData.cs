using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ExternalDns.Core.Endpoints;
using ExternalDns.Dns.Records;

namespace ExternalDns.Providers.Rfc2136;

/// <summary>Converts between endpoint targets (upstream's text forms) and record data.</summary>
internal static class Rfc2136RecordData
{
    /// <summary>The endpoint record types this provider reads from a zone transfer and can write.</summary>
    public static bool TryGetType(string recordType, out DnsRecordType type)
    {
        type = recordType switch
        {
            RecordTypes.A => DnsRecordType.A,
            RecordTypes.AAAA => DnsRecordType.AAAA,
            RecordTypes.CNAME => DnsRecordType.CNAME,
            RecordTypes.TXT => DnsRecordType.TXT,
            RecordTypes.NS => DnsRecordType.NS,
            RecordTypes.PTR => DnsRecordType.PTR,
            RecordTypes.SRV => DnsRecordType.SRV,
            RecordTypes.MX => DnsRecordType.MX,
            _ => DnsRecordType.None,
        };
        return type != DnsRecordType.None;
    }

    /// <summary>The endpoint record type of a transferred record, or null when the provider does not manage it.</summary>
    public static string? EndpointType(DnsRecordType type) => type switch
    {
        DnsRecordType.A => RecordTypes.A,
        DnsRecordType.AAAA => RecordTypes.AAAA,
        DnsRecordType.CNAME => RecordTypes.CNAME,
        DnsRecordType.TXT => RecordTypes.TXT,
        DnsRecordType.NS => RecordTypes.NS,
        DnsRecordType.PTR => RecordTypes.PTR,
        DnsRecordType.SRV => RecordTypes.SRV,
        DnsRecordType.MX => RecordTypes.MX,
        DnsRecordType.DNAME => RecordTypes.DNAME,
        _ => null,
    };

    /// <summary>Parses one target. Throws <see cref="FormatException"/> or <see cref="ArgumentException"/> when invalid.</summary>
    public static DnsRecordData Parse(DnsRecordType type, string target)
    {
        switch (type)
        {
            case DnsRecordType.A:
            case DnsRecordType.AAAA:
                if (!IpAddresses.TryParse(target, out var ip)
                    || ip.AddressFamily != (type == DnsRecordType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6))
                {
                    throw new FormatException($"'{target}' is not an {(type == DnsRecordType.A ? "IPv4" : "IPv6")} address");
                }

                return new AddressRecordData(ip);
            case DnsRecordType.CNAME:
            case DnsRecordType.NS:
            case DnsRecordType.PTR:
                return new NameRecordData(target);
            case DnsRecordType.TXT:
                return TxtRecordData.FromText(Unquote(target));
            case DnsRecordType.SRV:
                {
                    var parts = Fields(target, 4);
                    return new SrvRecordData(UShort(parts[0]), UShort(parts[1]), UShort(parts[2]), parts[3]);
                }

            case DnsRecordType.MX:
                {
                    var parts = Fields(target, 2);
                    return new MxRecordData(UShort(parts[0]), parts[1]);
                }

            default:
                throw new FormatException($"record type {type} is not supported");
        }
    }

    /// <summary>The endpoint target of a transferred record.</summary>
    public static string Format(DnsRecordData data) => data switch
    {
        AddressRecordData a => a.Address.ToString(),
        NameRecordData n => n.Name,
        TxtRecordData t => t.Text,
        SrvRecordData s => string.Create(CultureInfo.InvariantCulture, $"{s.Priority} {s.Weight} {s.Port} {s.Target}."),
        MxRecordData m => string.Create(CultureInfo.InvariantCulture, $"{m.Preference} {m.Exchange}"),
        _ => data.ToString() ?? string.Empty,
    };

    /// <summary>
    /// A TXT target may come quoted (upstream's registry writes <c>"heritage=external-dns,..."</c>, which miekg/dns
    /// parses as one string): the outer quotes are removed and <c>\"</c>, <c>\\</c> and <c>\DDD</c> unescaped.
    /// Anything else is taken literally.
    /// </summary>
    public static string Unquote(string target)
    {
        if (target.Length < 2 || target[0] != '"' || target[^1] != '"')
        {
            return target;
        }

        var inner = target.AsSpan(1, target.Length - 2);
        var bytes = new List<byte>(inner.Length);
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '"')
            {
                return target; // several quoted strings or stray quote: keep the text as it is
            }

            if (c == '\\' && i + 1 < inner.Length)
            {
                if (i + 3 < inner.Length && char.IsAsciiDigit(inner[i + 1]) && char.IsAsciiDigit(inner[i + 2]) && char.IsAsciiDigit(inner[i + 3]))
                {
                    var value = int.Parse(inner.Slice(i + 1, 3), CultureInfo.InvariantCulture);
                    if (value <= 255)
                    {
                        bytes.Add((byte)value);
                        i += 3;
                        continue;
                    }
                }

                c = inner[++i];
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string[] Fields(string target, int count)
    {
        var parts = target.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != count)
        {
            throw new FormatException($"'{target}' does not have {count} fields");
        }

        return parts;
    }

    private static ushort UShort(string text) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a number from 0 to 65535");
}
