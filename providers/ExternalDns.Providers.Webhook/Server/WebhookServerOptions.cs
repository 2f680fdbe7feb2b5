namespace ExternalDns.Providers.Webhook.Server;

/// <summary>
/// How <see cref="WebhookServer"/> listens: upstream's <c>--webhook-server</c> takes its timeouts and body limit from the
/// <c>--webhook-provider-*</c> flags (see <see cref="WebhookModule.ServerOptions"/>) and listens on 127.0.0.1:8888.
/// </summary>
public sealed record WebhookServerOptions
{
    /// <summary>Upstream's fixed listen address (localhost only: the webhook is meant for a sidecar).</summary>
    public const string DefaultAddress = "127.0.0.1:8888";

    /// <summary>Where to listen: <c>host:port</c> as Go spells it (<c>127.0.0.1:8888</c>, <c>:8888</c>, <c>[::1]:8888</c>) or an http URL; port 0 picks a free one.</summary>
    public string Address { get; init; } = DefaultAddress;

    /// <summary><c>--webhook-provider-read-timeout</c>: the whole request body must arrive within it (as Go's <c>ReadTimeout</c>); zero or less means none.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>--webhook-provider-write-timeout</c>: a request still unanswered after it has its connection closed (Go's <c>WriteTimeout</c>).</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>--webhook-provider-read-header-timeout</c>: the request headers must arrive within it (zero: the read timeout).</summary>
    public TimeSpan ReadHeaderTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>--webhook-provider-idle-timeout</c>: an idle keep-alive connection is closed after it (zero: the read timeout).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>--webhook-provider-max-body-size</c>: a larger request body is answered 413; 0 disables the limit.</summary>
    public long MaxBodySize { get; init; } = WebhookProtocol.DefaultMaxBodySize;

    /// <summary><c>--dry-run</c>: <c>POST /records</c> is answered 204 and logged, but nothing is written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Converts the Go-style address to a Kestrel URL.</summary>
    public string Url =>
        Address.StartsWith("http://", StringComparison.Ordinal) || Address.StartsWith("https://", StringComparison.Ordinal) ? Address
        : Address.StartsWith(':') ? $"http://0.0.0.0{Address}"
        : $"http://{Address}";
}
