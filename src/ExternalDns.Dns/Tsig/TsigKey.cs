using System.Security.Cryptography;

namespace ExternalDns.Dns.Tsig;

/// <summary>A TSIG key: name, algorithm and shared secret. <see cref="ToString"/> never shows the secret.</summary>
public sealed class TsigKey : ITsigKey
{
    private readonly byte[] _secret;

    public TsigKey(string name, TsigAlgorithm algorithm, byte[] secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(secret);
        Name = name.TrimEnd('.');
        Algorithm = algorithm;
        _secret = (byte[])secret.Clone();
    }

    public string Name { get; }

    public TsigAlgorithm Algorithm { get; }

    public string AlgorithmName => Algorithm.Name;

    /// <summary>Creates a key from a base64 secret (as in BIND's <c>key</c> statement). Throws <see cref="FormatException"/> on bad base64.</summary>
    public static TsigKey FromBase64(string name, TsigAlgorithm algorithm, string base64Secret)
    {
        ArgumentNullException.ThrowIfNull(base64Secret);
        return new TsigKey(name, algorithm, Convert.FromBase64String(base64Secret.Trim()));
    }

    internal byte[] Secret => _secret;

    public byte[] ComputeMac(byte[] data) => Algorithm.ComputeMac(_secret, data);

    /// <summary>Checks a possibly truncated MAC (RFC 8945 5.2.2.1: at least 10 bytes and half the full length).</summary>
    public TsigError VerifyMac(byte[] data, byte[] mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        if (mac.Length > Algorithm.MacLength || mac.Length < Math.Max(10, Algorithm.MacLength / 2))
        {
            return TsigError.BadTrunc;
        }

        var expected = ComputeMac(data);
        return CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, mac.Length), mac) ? TsigError.NoError : TsigError.BadSig;
    }

    public override string ToString() => $"{Name} ({Algorithm.Name})";
}
