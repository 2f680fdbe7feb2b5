using System.Net.Security;
using ExternalDns.Dns.Tsig;

namespace ExternalDns.Dns.Client;

/// <summary>Where and how <see cref="DnsClient"/> talks to one DNS server.</summary>
public sealed class DnsClientOptions
{
    /// <summary>The port of DNS over TLS (RFC 7858).</summary>
    public const int DnsOverTlsPort = 853;

    /// <summary>The server: an IP address (IPv6 optionally in brackets) or a host name.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 53;

    /// <summary>Timeout for one exchange (connect + TLS + send + receive); for AXFR, for each message read.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When set, every request is signed and every response verified with this key (HMAC TSIG).</summary>
    public ITsigKey? TsigKey { get; set; }

    /// <summary>
    /// When set (instead of <see cref="TsigKey"/>), a GSS-TSIG key is negotiated with TKEY before each exchange or
    /// transfer and signs it (RFC 3645).
    /// </summary>
    public GssTsigOptions? GssTsig { get; set; }

    /// <summary>TSIG fudge in seconds (allowed clock skew).</summary>
    public ushort Fudge { get; set; } = TsigSigner.DefaultFudge;

    /// <summary>Always use TCP (otherwise UDP, with TCP for large requests and truncated responses).</summary>
    public bool UseTcp { get; set; }

    /// <summary>
    /// DNS over TLS (RFC 7858): every exchange goes over TCP wrapped in TLS. Unset fields get the DoT defaults: the
    /// target host is <see cref="Host"/>, the ALPN protocol <c>dot</c>, TLS 1.3 only (RFC 9103, as upstream). Trust,
    /// client certificates and verification are the caller's (system trust when left alone).
    /// </summary>
    public SslClientAuthenticationOptions? Tls { get; set; }

    /// <summary>Requests larger than this go over TCP (512: the classic UDP limit without EDNS).</summary>
    public int MaxUdpRequestSize { get; set; } = 512;
}
