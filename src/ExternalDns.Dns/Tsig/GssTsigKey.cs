using System.Buffers;
using System.Net.Security;

namespace ExternalDns.Dns.Tsig;

/// <summary>
/// A GSS-TSIG key (RFC 3645): the name agreed by TKEY and an established GSS-API security context whose MIC tokens
/// (<c>gss_get_mic</c>/<c>gss_verify_mic</c>, through <see cref="NegotiateAuthentication"/>) are the TSIG MACs.
/// Not thread-safe beyond one operation at a time (calls are serialised); dispose it to delete the local context.
/// </summary>
public sealed class GssTsigKey : ITsigKey, IDisposable
{
    /// <summary>The TSIG algorithm name of GSS-TSIG.</summary>
    public const string Algorithm = "gss-tsig";

    private readonly NegotiateAuthentication _context;
    private readonly Lock _lock = new();

    internal GssTsigKey(string name, NegotiateAuthentication context)
    {
        Name = name.TrimEnd('.');
        _context = context;
    }

    public string Name { get; }

    public string AlgorithmName => Algorithm;

    public byte[] ComputeMac(byte[] data)
    {
        var writer = new ArrayBufferWriter<byte>(128);
        lock (_lock)
        {
            _context.ComputeIntegrityCheck(data, writer);
        }

        return writer.WrittenSpan.ToArray();
    }

    public TsigError VerifyMac(byte[] data, byte[] mac)
    {
        lock (_lock)
        {
            return _context.VerifyIntegrityCheck(data, mac) ? TsigError.NoError : TsigError.BadSig;
        }
    }

    public void Dispose() => _context.Dispose();

    public override string ToString() => $"{Name} ({Algorithm})";
}
