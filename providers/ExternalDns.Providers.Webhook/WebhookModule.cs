using System.Globalization;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Providers.Webhook.Server;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Webhook;

/// <summary>
/// <c>--provider=webhook</c>: upstream's webhook protocol, so any out-of-tree upstream webhook provider works (as a
/// sidecar). The same flags bound the webhook server (<c>--webhook-server</c>), see <see cref="ServerOptions"/>.
/// </summary>
public sealed class WebhookModule : ProviderModule<WebhookProviderOptions>
{
    public override IReadOnlyList<string> Names { get; } = ["webhook"];

    public override string FlagGroup => "Webhook provider";

    public override string Summary => "any provider speaking upstream's webhook protocol (out-of-tree webhook providers, as a sidecar); `--webhook-server` serves ours over it";

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("webhook-provider-url", FlagKind.String, "The URL of the remote endpoint to call for the webhook provider (default: http://localhost:8888)") with { Default = WebhookProviderOptions.DefaultUrl },
        Flag("webhook-provider-read-timeout", FlagKind.Duration, "The read timeout for the webhook provider in duration format (default: 5s)") with { Default = "5s" },
        Flag("webhook-provider-write-timeout", FlagKind.Duration, "The write timeout for the webhook provider in duration format (default: 10s)") with { Default = "10s" },
        Flag("webhook-provider-read-header-timeout", FlagKind.Duration, "The header read timeout for the webhook server in duration format, bounding slow header sends independently of the read timeout (default: 5s)") with { Default = "5s" },
        Flag("webhook-provider-idle-timeout", FlagKind.Duration, "The idle timeout for the webhook server keep-alive connections in duration format (default: 30s)") with { Default = "30s" },
        Flag("webhook-provider-max-body-size", FlagKind.String, "Maximum size in bytes of a webhook request or response body; larger payloads are rejected (default: 33554432, i.e. 32 MiB, 0 disables)") with { Default = "33554432" },
    ];

    public override WebhookProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var text = flags.String("webhook-provider-url");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            var shown = Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? WebhookProviderOptions.Display(parsed) : "(not a URL)";
            throw new FlagException($"--webhook-provider-url={shown}: not an http(s) URL (for example http://localhost:8888)");
        }

        return new WebhookProviderOptions
        {
            Url = url,
            ReadTimeout = flags.Duration("webhook-provider-read-timeout"),
            WriteTimeout = flags.Duration("webhook-provider-write-timeout"),
            MaxBodySize = MaxBodySize(flags),
            CaFile = flags.String("tls-ca"),
            ClientCertFile = flags.String("tls-client-cert"),
            ClientKeyFile = flags.String("tls-client-cert-key"),
        };
    }

    public override IDnsProvider Create(WebhookProviderOptions options, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new WebhookProvider(options, context.LoggerFactory.CreateLogger<WebhookProvider>(), context.Http);
    }

    /// <summary>The webhook server's timeouts and body limit (the same flags as upstream's <c>--webhook-server</c> reads); the caller sets the address.</summary>
    public static WebhookServerOptions ServerOptions(IFlagValues flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new WebhookServerOptions
        {
            ReadTimeout = flags.Duration("webhook-provider-read-timeout"),
            WriteTimeout = flags.Duration("webhook-provider-write-timeout"),
            ReadHeaderTimeout = flags.Duration("webhook-provider-read-header-timeout"),
            IdleTimeout = flags.Duration("webhook-provider-idle-timeout"),
            MaxBodySize = MaxBodySize(flags),
        };
    }

    private static long MaxBodySize(IFlagValues flags)
    {
        var text = flags.String("webhook-provider-max-body-size");
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw new FlagException($"--webhook-provider-max-body-size=\"{text}\": not a number of bytes (for example 33554432; 0 disables the limit)");
        }

        return size;
    }
}
