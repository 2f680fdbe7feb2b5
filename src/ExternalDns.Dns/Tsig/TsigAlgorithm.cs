using System.Security.Cryptography;

namespace ExternalDns.Dns.Tsig;

/// <summary>A TSIG MAC algorithm (RFC 8945 6): hmac-sha1, hmac-sha256, hmac-sha384, hmac-sha512.</summary>
public sealed class TsigAlgorithm
{
    private readonly Func<byte[], byte[], byte[]> _compute;

    private TsigAlgorithm(string name, int macLength, Func<byte[], byte[], byte[]> compute)
    {
        Name = name;
        MacLength = macLength;
        _compute = compute;
    }

    public static TsigAlgorithm HmacSha1 { get; } = new("hmac-sha1", 20, HMACSHA1.HashData);

    public static TsigAlgorithm HmacSha256 { get; } = new("hmac-sha256", 32, HMACSHA256.HashData);

    public static TsigAlgorithm HmacSha384 { get; } = new("hmac-sha384", 48, HMACSHA384.HashData);

    public static TsigAlgorithm HmacSha512 { get; } = new("hmac-sha512", 64, HMACSHA512.HashData);

    public static IReadOnlyList<TsigAlgorithm> All { get; } = [HmacSha1, HmacSha256, HmacSha384, HmacSha512];

    /// <summary>The algorithm's domain name as it appears in the TSIG record (no trailing dot).</summary>
    public string Name { get; }

    /// <summary>The length of an untruncated MAC in bytes.</summary>
    public int MacLength { get; }

    /// <summary>
    /// Finds an algorithm by name: <c>hmac-sha256</c>, <c>hmac-sha256.</c> (FQDN, as BIND and miekg/dns write it)
    /// or any letter case.
    /// </summary>
    public static bool TryParse(string? name, out TsigAlgorithm algorithm)
    {
        var trimmed = (name ?? string.Empty).Trim().TrimEnd('.');
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = null!;
        return false;
    }

    public byte[] ComputeMac(byte[] key, byte[] data) => _compute(key, data);

    public override string ToString() => Name;
}
