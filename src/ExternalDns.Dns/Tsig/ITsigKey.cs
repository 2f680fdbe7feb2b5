namespace ExternalDns.Dns.Tsig;

/// <summary>
/// What signs and verifies TSIG records (RFC 8945): a key name, an algorithm name and a MAC over the digest data.
/// <see cref="TsigKey"/> is a shared-secret HMAC key; <see cref="GssTsigKey"/> is a GSS-API security context
/// negotiated with TKEY (GSS-TSIG, RFC 3645), whose MAC is a GSS MIC token.
/// </summary>
public interface ITsigKey
{
    /// <summary>The key name (no trailing dot).</summary>
    string Name { get; }

    /// <summary>The algorithm's domain name as it appears in the TSIG record (no trailing dot).</summary>
    string AlgorithmName { get; }

    /// <summary>Computes the MAC of the digest data.</summary>
    byte[] ComputeMac(byte[] data);

    /// <summary>Checks the MAC of the digest data: <see cref="TsigError.NoError"/>, <see cref="TsigError.BadSig"/> or <see cref="TsigError.BadTrunc"/>.</summary>
    TsigError VerifyMac(byte[] data, byte[] mac);
}
