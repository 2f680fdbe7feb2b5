using ExternalDns.Dns.Tsig;

namespace ExternalDns.Dns.Client;

/// <summary>Where and how <see cref="DnsClient"/> talks to one DNS server.</summary>
public sealed class DnsClientOptions
{
    /// <summary>The server: an IP address (IPv6 optionally in brackets) or a host name.</summary>
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 53;

    /// <summary>Timeout for one exchange (connect + send + receive); for AXFR, for each message read.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When set, every request is signed and every response verified with this key.</summary>
    public TsigKey? TsigKey { get; set; }

    /// <summary>TSIG fudge in seconds (allowed clock skew).</summary>
    public ushort Fudge { get; set; } = TsigSigner.DefaultFudge;

    /// <summary>Always use TCP (otherwise UDP, with TCP for large requests and truncated responses).</summary>
    public bool UseTcp { get; set; }

    /// <summary>Requests larger than this go over TCP (512: the classic UDP limit without EDNS).</summary>
    public int MaxUdpRequestSize { get; set; } = 512;
}
