namespace ExternalDns.Dns.Tsig;

/// <summary>A TSIG key: name, algorithm and shared secret. <see cref="ToString"/> never shows the secret.</summary>
public sealed class TsigKey
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

    /// <summary>Creates a key from a base64 secret (as in BIND's <c>key</c> statement). Throws <see cref="FormatException"/> on bad base64.</summary>
    public static TsigKey FromBase64(string name, TsigAlgorithm algorithm, string base64Secret)
    {
        ArgumentNullException.ThrowIfNull(base64Secret);
        return new TsigKey(name, algorithm, Convert.FromBase64String(base64Secret.Trim()));
    }

    internal byte[] Secret => _secret;

    public override string ToString() => $"{Name} ({Algorithm.Name})";
}
