using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Modules;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.PowerDns;

/// <summary>
/// <c>--provider=pdns</c>: the PowerDNS Authoritative HTTP API. The options are validated by the provider's API client,
/// which names the flag.
/// </summary>
public sealed class PowerDnsModule : ProviderModule<PowerDnsProviderOptions>
{
    public override IReadOnlyList<string> Names { get; } = ["pdns"];

    public override string FlagGroup => "PowerDNS provider";

    public override string Summary => "PowerDNS Authoritative HTTP API";

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("pdns-server", FlagKind.String, "When using the PowerDNS/PDNS provider, specify the URL to the pdns server (required when --provider=pdns)") with { Default = PowerDnsProviderOptions.DefaultServer },
        Flag("pdns-server-id", FlagKind.String, "When using the PowerDNS/PDNS provider, specify the id of the server to retrieve. Should be `localhost` except when the server is behind a proxy (optional when --provider=pdns) (default: localhost)") with { Default = PowerDnsProviderOptions.DefaultServerId },
        Flag("pdns-api-key", FlagKind.String, "When using the PowerDNS/PDNS provider, specify the API key to use to authorize requests (required when --provider=pdns)") with { Default = "", Secret = true },
        Flag("pdns-skip-tls-verify", FlagKind.Bool, "When using the PowerDNS/PDNS provider, disable verification of any TLS certificates (optional when --provider=pdns) (default: false)") with { Default = "false" },
    ];

    public override PowerDnsProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new PowerDnsProviderOptions
        {
            Server = flags.String("pdns-server"),
            ServerId = flags.String("pdns-server-id"),
            ApiKey = flags.String("pdns-api-key"),
            SkipTlsVerify = flags.Bool("pdns-skip-tls-verify"),
            CaFile = flags.String("tls-ca"),
            ClientCertFile = flags.String("tls-client-cert"),
            ClientKeyFile = flags.String("tls-client-cert-key"),
        };
    }

    public override IDnsProvider Create(PowerDnsProviderOptions options, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PowerDnsProvider(options, context.DomainFilter, context.LoggerFactory.CreateLogger<PowerDnsProvider>(), context.Http);
    }
}
