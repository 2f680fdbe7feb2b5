namespace ExternalDns.Providers.Rfc2136;

/// <summary>Settings of the RFC2136 provider; each property maps one upstream <c>--rfc2136-*</c> flag.</summary>
public sealed class Rfc2136ProviderOptions
{
    /// <summary>The BIND-style default for a port of 0 (upstream's default for <c>--rfc2136-port</c>).</summary>
    public const int DefaultDnsPort = 53;

    /// <summary>The port used for a port of 0 with <see cref="UseTls"/>: DNS over TLS (RFC 7858).</summary>
    public const int DefaultDnsOverTlsPort = 853;

    /// <summary>
    /// <c>--rfc2136-host</c> (repeatable): the DNS servers, all serving the same zones; how they are used is
    /// <see cref="LoadBalancingStrategy"/> (by default the first one, the next ones when it fails).
    /// </summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary><c>--rfc2136-load-balancing-strategy</c> (default disabled: failover in order).</summary>
    public Rfc2136LoadBalancingStrategy LoadBalancingStrategy { get; set; }

    /// <summary><c>--rfc2136-port</c> (default 0, which means 53, or 853 with <see cref="UseTls"/>).</summary>
    public int Port { get; set; }

    /// <summary><c>--rfc2136-zone</c> (repeatable): the zones to manage. At least one is required.</summary>
    public List<string> Zones { get; set; } = [];

    /// <summary><c>--rfc2136-insecure</c> (default false): send unsigned messages (no TSIG).</summary>
    public bool Insecure { get; set; }

    /// <summary><c>--rfc2136-tsig-keyname</c>: the TSIG key name (required unless insecure).</summary>
    public string TsigKeyName { get; set; } = string.Empty;

    /// <summary><c>--rfc2136-tsig-secret</c>: the base64 TSIG secret (required unless insecure). Never logged.</summary>
    public string TsigSecret { get; set; } = string.Empty;

    /// <summary>
    /// <c>--rfc2136-tsig-secret-alg</c>: hmac-sha1, hmac-sha256, hmac-sha384 or hmac-sha512 (upstream's spellings; a
    /// trailing dot and any letter case are accepted too). Upstream also lists hmac-sha224, which .NET cannot compute.
    /// </summary>
    public string TsigSecretAlg { get; set; } = string.Empty;

    /// <summary><c>--rfc2136-axfr</c> (default false): list existing records by zone transfer.</summary>
    public bool Axfr { get; set; }

    /// <summary><c>--rfc2136-tsig-axfr</c>: deprecated alias of <see cref="Axfr"/> (either one enables AXFR).</summary>
    public bool TsigAxfr { get; set; }

    /// <summary><c>--rfc2136-min-ttl</c> (default 0s): the lowest TTL written; also the TTL of records without one.</summary>
    public TimeSpan MinTtl { get; set; } = TimeSpan.Zero;

    /// <summary><c>--rfc2136-batch-change-size</c> (default 50): the most changes sent in one UPDATE message.</summary>
    public int BatchChangeSize { get; set; } = 50;

    /// <summary><c>--rfc2136-use-tls</c>: DNS over TLS (RFC 7858, TLS 1.3) for updates, transfers and TKEY.</summary>
    public bool UseTls { get; set; }

    /// <summary><c>--rfc2136-skip-tls-verify</c>: accept any server certificate (a warning is logged).</summary>
    public bool SkipTlsVerify { get; set; }

    /// <summary><c>--tls-ca</c>: PEM file of the certificate authorities that sign the servers' certificates (replaces the system's).</summary>
    public string? TlsCaFile { get; set; }

    /// <summary><c>--tls-client-cert</c>: PEM client certificate for mutual TLS.</summary>
    public string? TlsClientCertFile { get; set; }

    /// <summary><c>--tls-client-cert-key</c>: PEM key of the client certificate (unencrypted).</summary>
    public string? TlsClientKeyFile { get; set; }

    /// <summary><c>--rfc2136-gss-tsig</c>: sign with GSS-TSIG (Kerberos, RFC 3645) instead of a TSIG key.</summary>
    public bool GssTsig { get; set; }

    /// <summary><c>--rfc2136-kerberos-realm</c>: the user's realm (upper-cased, as upstream).</summary>
    public string KerberosRealm { get; set; } = string.Empty;

    /// <summary><c>--rfc2136-kerberos-username</c>.</summary>
    public string KerberosUsername { get; set; } = string.Empty;

    /// <summary><c>--rfc2136-kerberos-password</c>. Never logged.</summary>
    public string KerberosPassword { get; set; } = string.Empty;

    /// <summary>Timeout of one DNS exchange (not an upstream flag).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when AXFR is enabled by <see cref="Axfr"/> or its deprecated alias.</summary>
    public bool AxfrEnabled => Axfr || TsigAxfr;

    /// <summary>The port actually used: <see cref="Port"/>, or when it is 0, 853 with TLS and 53 without.</summary>
    public int EffectivePort => Port != 0 ? Port : UseTls ? DefaultDnsOverTlsPort : DefaultDnsPort;
}
