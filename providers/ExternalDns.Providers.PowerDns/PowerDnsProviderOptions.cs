namespace ExternalDns.Providers.PowerDns;

/// <summary>
/// Settings of the PowerDNS provider, mapped from upstream's flags. The domain filter
/// (<c>--domain-filter</c> and friends) is passed to the provider separately.
/// </summary>
public sealed class PowerDnsProviderOptions
{
    /// <summary>The default of <c>--pdns-server</c>.</summary>
    public const string DefaultServer = "http://localhost:8081";

    /// <summary>The default of <c>--pdns-server-id</c>.</summary>
    public const string DefaultServerId = "localhost";

    /// <summary>
    /// <c>--pdns-server</c>: base URL of the PowerDNS HTTP API. A path is kept as a prefix
    /// (<c>https://proxy.example/pdns</c> gives <c>https://proxy.example/pdns/api/v1/…</c>).
    /// </summary>
    public string Server { get; set; } = DefaultServer;

    /// <summary><c>--pdns-server-id</c>: the server id in <c>/api/v1/servers/{id}</c>.</summary>
    public string ServerId { get; set; } = DefaultServerId;

    /// <summary><c>--pdns-api-key</c>: sent as <c>X-API-Key</c>. Required. Never logged.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary><c>--pdns-skip-tls-verify</c>: accept any server certificate (https only).</summary>
    public bool SkipTlsVerify { get; set; }

    /// <summary><c>--tls-ca</c>: PEM file of the CAs that sign the server's certificate (instead of the system's); empty = system trust.</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary><c>--tls-client-cert</c>: PEM file of a client certificate for mutual TLS; empty = none.</summary>
    public string ClientCertFile { get; set; } = string.Empty;

    /// <summary><c>--tls-client-cert-key</c>: PEM file of the client certificate's unencrypted key; empty = in <see cref="ClientCertFile"/>.</summary>
    public string ClientKeyFile { get; set; } = string.Empty;

    /// <summary>Time limit of one HTTP request (no upstream flag). A request that exceeds it is a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per API call when it fails transiently (upstream: 3); the retries also take from the run's retry budget.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Base wait before the first retry; doubled before each further one, plus up to 100 % jitter (upstream: 250 ms).</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
