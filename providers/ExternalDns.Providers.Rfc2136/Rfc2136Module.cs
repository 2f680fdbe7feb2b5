using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Modules;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Rfc2136;

/// <summary>
/// <c>--provider=rfc2136</c>: any RFC 2136 server (BIND 9, Knot, PowerDNS, Windows DNS with GSS-TSIG), TSIG or
/// GSS-TSIG signed, over TCP or DNS over TLS, one or several hosts; records read by AXFR.
/// The options are validated by <see cref="Rfc2136Provider"/>'s constructor, which names the flag.
/// </summary>
public sealed class Rfc2136Module : ProviderModule<Rfc2136ProviderOptions>
{
    public override IReadOnlyList<string> Names { get; } = ["rfc2136"];

    public override string FlagGroup => "RFC2136 provider";

    public override string Summary => "any RFC 2136 server: BIND 9, Knot, PowerDNS; TSIG or GSS-TSIG (Kerberos) signed; DNS over TLS; several hosts with failover or load balancing; records read by AXFR";

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("rfc2136-host", FlagKind.List, "When using the RFC2136 provider, specify the host of the DNS server (optionally specify multiple times when using --rfc2136-load-balancing-strategy)"),
        Flag("rfc2136-port", FlagKind.Int, "When using the RFC2136 provider, specify the port of the DNS server") with { Default = "0" },
        Flag("rfc2136-zone", FlagKind.List, "When using the RFC2136 provider, specify zone entry of the DNS server to use (can be specified multiple times)"),
        Flag("rfc2136-insecure", FlagKind.Bool, "When using the RFC2136 provider, specify whether to attach TSIG or not (default: false, requires --rfc2136-tsig-keyname and rfc2136-tsig-secret)") with { Default = "false" },
        Flag("rfc2136-tsig-keyname", FlagKind.String, "When using the RFC2136 provider, specify the TSIG key to attached to DNS messages (required when --rfc2136-insecure=false)") with { Default = "" },
        Flag("rfc2136-tsig-secret", FlagKind.String, "When using the RFC2136 provider, specify the TSIG (base64) value to attached to DNS messages (required when --rfc2136-insecure=false)") with { Default = "", Secret = true },
        Flag("rfc2136-tsig-secret-alg", FlagKind.String, "When using the RFC2136 provider, specify the TSIG algorithm: hmac-sha1, hmac-sha256, hmac-sha384 or hmac-sha512 (required when --rfc2136-insecure=false)") with { Default = "" },
        Flag("rfc2136-axfr", FlagKind.Bool, "When using the RFC2136 provider, enable zone transfers (AXFR) to list existing records (without it ExternalDNS cannot read records and behaves as if --policy=create-only)") with { Default = "false" },
        Flag("rfc2136-tsig-axfr", FlagKind.Bool, "[DEPRECATED: use --rfc2136-axfr] When using the RFC2136 provider, enable zone transfers (AXFR) to list existing records") with { AliasOf = "rfc2136-axfr" },
        Flag("rfc2136-min-ttl", FlagKind.Duration, "When using the RFC2136 provider, specify minimal TTL (in duration format) for records. This value will be used if the provided TTL for a service/ingress is lower than this") with { Default = "0s" },
        Flag("rfc2136-gss-tsig", FlagKind.Bool, "When using the RFC2136 provider, specify whether to use secure updates with GSS-TSIG using Kerberos (default: false, requires --rfc2136-kerberos-realm, --rfc2136-kerberos-username, and rfc2136-kerberos-password)") with { Default = "false" },
        Flag("rfc2136-kerberos-username", FlagKind.String, "When using the RFC2136 provider with GSS-TSIG, specify the username of the user with permissions to update DNS records (required when --rfc2136-gss-tsig=true)") with { Default = "" },
        Flag("rfc2136-kerberos-password", FlagKind.String, "When using the RFC2136 provider with GSS-TSIG, specify the password of the user with permissions to update DNS records (required when --rfc2136-gss-tsig=true)") with { Default = "", Secret = true },
        Flag("rfc2136-kerberos-realm", FlagKind.String, "When using the RFC2136 provider with GSS-TSIG, specify the realm of the user with permissions to update DNS records (required when --rfc2136-gss-tsig=true)") with { Default = "" },
        Flag("rfc2136-batch-change-size", FlagKind.Int, "When using the RFC2136 provider, set the maximum number of changes that will be applied in each batch.") with { Default = "50" },
        Flag("rfc2136-use-tls", FlagKind.Bool, "When using the RFC2136 provider, communicate with name server over tls") with { Default = "false" },
        Flag("rfc2136-skip-tls-verify", FlagKind.Bool, "When using TLS with the RFC2136 provider, disable verification of any TLS certificates") with { Default = "false" },
        Flag("rfc2136-load-balancing-strategy", FlagKind.Enum, "When using the RFC2136 provider, specify the load balancing strategy (default: disabled, options: random, round-robin, disabled)") with { Default = "disabled", Allowed = ["random", "round-robin", "disabled"] },
    ];

    public override Rfc2136ProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new Rfc2136ProviderOptions
        {
            Hosts = [.. flags.List("rfc2136-host")],
            LoadBalancingStrategy = flags.String("rfc2136-load-balancing-strategy") switch
            {
                "round-robin" => Rfc2136LoadBalancingStrategy.RoundRobin,
                "random" => Rfc2136LoadBalancingStrategy.Random,
                _ => Rfc2136LoadBalancingStrategy.Disabled,
            },
            Port = flags.Int("rfc2136-port"),
            Zones = [.. flags.List("rfc2136-zone")],
            Insecure = flags.Bool("rfc2136-insecure"),
            TsigKeyName = flags.String("rfc2136-tsig-keyname"),
            TsigSecret = flags.String("rfc2136-tsig-secret"),
            TsigSecretAlg = flags.String("rfc2136-tsig-secret-alg"),
            Axfr = flags.Bool("rfc2136-axfr"),
            MinTtl = flags.Duration("rfc2136-min-ttl"),
            BatchChangeSize = flags.Int("rfc2136-batch-change-size"),
            GssTsig = flags.Bool("rfc2136-gss-tsig"),
            KerberosUsername = flags.String("rfc2136-kerberos-username"),
            KerberosPassword = flags.String("rfc2136-kerberos-password"),
            KerberosRealm = flags.String("rfc2136-kerberos-realm"),
            UseTls = flags.Bool("rfc2136-use-tls"),
            SkipTlsVerify = flags.Bool("rfc2136-skip-tls-verify"),
            TlsCaFile = flags.String("tls-ca"),
            TlsClientCertFile = flags.String("tls-client-cert"),
            TlsClientKeyFile = flags.String("tls-client-cert-key"),
        };
    }

    public override IDnsProvider Create(Rfc2136ProviderOptions options, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Rfc2136Provider(options, context.LoggerFactory.CreateLogger<Rfc2136Provider>(), context.DomainFilter, context.Time);
    }
}
