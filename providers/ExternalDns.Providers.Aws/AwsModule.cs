using ExternalDns.Core.Configuration;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Providers.Aws.Api;
using ExternalDns.Providers.Aws.Auth;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Aws;

/// <summary>
/// <c>--provider=aws</c>: Amazon Route53, with upstream's <c>--aws-*</c> flags. Credentials come from the AWS chain
/// (environment, profiles, IRSA, EKS Pod Identity, container credentials, instance profile) and are resolved at the first
/// API call; the endpoint from <c>AWS_ENDPOINT_URL_ROUTE_53</c>, else <c>AWS_ENDPOINT_URL</c>.
/// </summary>
public sealed class AwsModule : ProviderModule<AwsProviderOptions>
{
    public override IReadOnlyList<string> Names { get; } = ["aws"];

    public override string FlagGroup => "AWS provider";

    public override string Summary => "Amazon Route53: public and private hosted zones, alias records, routing policies";

    public override IReadOnlyList<FlagDefinition> Flags =>
    [
        Flag("aws-zone-type", FlagKind.Enum, "When using the AWS provider, filter for zones of this type (optional, default: any, options: public, private)") with { Default = "", Allowed = ["", "public", "private"] },
        Flag("aws-zone-tags", FlagKind.List, "When using the AWS provider, filter for zones with these tags"),
        Flag("aws-profile", FlagKind.List, "When using the AWS provider, name of the profile to use"),
        Flag("aws-assume-role", FlagKind.String, "When using the AWS API, assume this IAM role. Useful for hosted zones in another AWS account. Specify the full ARN, e.g. `arn:aws:iam::123455567:role/external-dns` (optional)") with { Default = "" },
        Flag("aws-assume-role-external-id", FlagKind.String, "When using the AWS API and assuming a role then specify this external ID` (optional)") with { Default = "", Secret = true },
        Flag("aws-batch-change-size", FlagKind.Int, "When using the AWS provider, set the maximum number of changes that will be applied in each batch.") with { Default = "1000" },
        Flag("aws-batch-change-size-bytes", FlagKind.Int, "When using the AWS provider, set the maximum byte size that will be applied in each batch.") with { Default = "32000" },
        Flag("aws-batch-change-size-values", FlagKind.Int, "When using the AWS provider, set the maximum total record values that will be applied in each batch.") with { Default = "1000" },
        Flag("aws-batch-change-interval", FlagKind.Duration, "When using the AWS provider, set the interval between batch changes.") with { Default = "1s" },
        Flag("aws-evaluate-target-health", FlagKind.Bool, "When using the AWS provider, set whether to evaluate the health of a DNS target (default: enabled, disable with --no-aws-evaluate-target-health)") with { Default = "true" },
        Flag("aws-api-retries", FlagKind.Int, "When using the AWS API, set the maximum number of retries before giving up.") with { Default = "3" },
        Flag("aws-prefer-cname", FlagKind.Bool, "When using the AWS provider, prefer using CNAME instead of ALIAS (default: disabled)") with { Default = "false" },
        Flag("aws-zones-cache-duration", FlagKind.Duration, "When using the AWS provider, set the zones list cache TTL (0s to disable).") with { Default = "0s" },
        Flag("aws-zone-match-parent", FlagKind.Bool, "Expand limit possible target by sub-domains (default: disabled)") with { Default = "false" },
    ];

    public override AwsProviderOptions Bind(string name, IFlagValues flags, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(context);
        var batchSize = Positive(flags, "aws-batch-change-size");
        var batchBytes = Positive(flags, "aws-batch-change-size-bytes");
        var batchValues = Positive(flags, "aws-batch-change-size-values");
        var retries = flags.Int("aws-api-retries");
        if (retries < 0)
        {
            throw new FlagException($"--aws-api-retries={retries}: must be 0 or more");
        }

        var interval = NonNegative(flags, "aws-batch-change-interval");
        var cache = NonNegative(flags, "aws-zones-cache-duration");
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in flags.List("aws-zone-tags").Where(t => t.Length > 0))
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? tag : tag[..eq]).Trim();
            if (key.Length == 0)
            {
                throw new FlagException($"--aws-zone-tags={tag}: expected key=value or key");
            }

            tags[key] = eq < 0 ? string.Empty : tag[(eq + 1)..].Trim();
        }

        var endpointText = context.Environment("AWS_ENDPOINT_URL_ROUTE_53") is { Length: > 0 } r53 ? ("AWS_ENDPOINT_URL_ROUTE_53", r53)
            : context.Environment("AWS_ENDPOINT_URL") is { Length: > 0 } all ? ("AWS_ENDPOINT_URL", all) : (null, null);
        Uri? endpoint = null;
        if (endpointText.Item2 is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                throw new ProviderConfigurationException($"{endpointText.Item1}=\"{text}\" is not an http(s) URL");
            }
        }

        var assumeRole = flags.String("aws-assume-role");
        var externalId = flags.String("aws-assume-role-external-id");
        if (externalId.Length > 0 && assumeRole.Length == 0)
        {
            throw new FlagException("--aws-assume-role-external-id needs --aws-assume-role");
        }

        return new AwsProviderOptions
        {
            ZoneIdFilter = [.. flags.List("zone-id-filter").Where(z => z.Length > 0)],
            ZoneType = flags.String("aws-zone-type") switch { "public" => AwsZoneType.Public, "private" => AwsZoneType.Private, _ => AwsZoneType.Any },
            ZoneTags = tags,
            ZoneMatchParent = flags.Bool("aws-zone-match-parent"),
            Profiles = [.. flags.List("aws-profile").Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)],
            AssumeRole = assumeRole,
            AssumeRoleExternalId = externalId,
            BatchChangeSize = batchSize,
            BatchChangeSizeBytes = batchBytes,
            BatchChangeSizeValues = batchValues,
            BatchChangeInterval = interval,
            EvaluateTargetHealth = flags.Bool("aws-evaluate-target-health"),
            ApiRetries = retries,
            PreferCname = flags.Bool("aws-prefer-cname"),
            PreferAlias = flags.Bool("prefer-alias"),
            ZonesCacheDuration = cache,
            Endpoint = endpoint,
            Region = context.Environment("AWS_REGION") is { Length: > 0 } region ? region : context.Environment("AWS_DEFAULT_REGION"),
            CaFile = NullIfEmpty(flags.String("tls-ca")),
            ClientCertFile = NullIfEmpty(flags.String("tls-client-cert")),
            ClientKeyFile = NullIfEmpty(flags.String("tls-client-cert-key")),
        };
    }

    public override IDnsProvider Create(AwsProviderOptions options, ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        return CreateProvider(options, context.Environment, context.LoggerFactory, context.DomainFilter, context.Http);
    }

    /// <summary>Builds the provider with one Route53 client per profile (the default chain when there is none).</summary>
    public static AwsProvider CreateProvider(
        AwsProviderOptions options,
        Func<string, string?> environment,
        ILoggerFactory loggerFactory,
        Core.Endpoints.DomainFilter domainFilter,
        ProviderHttpFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(http);
        var (defaultEndpoint, signingRegion) = Partition(options.Region);
        var clientOptions = new Route53ClientOptions
        {
            Endpoint = options.Endpoint ?? defaultEndpoint,
            SigningRegion = signingRegion,
            MaxRetries = options.ApiRetries,
            InitialBackoff = options.InitialBackoff,
            CaFile = options.CaFile,
            ClientCertFile = options.ClientCertFile,
            ClientKeyFile = options.ClientKeyFile,
        };
        var logger = loggerFactory.CreateLogger<AwsProvider>();
        var profiles = options.Profiles.Count == 0 ? [string.Empty] : options.Profiles;
        var clients = new List<(string, IRoute53Api)>();
        foreach (var profile in profiles)
        {
            var p = profile;
            clients.Add((p.Length == 0 ? "default" : p, new Route53Client(
                clientOptions,
                () => AwsCredentialResolver.Resolve(p, options.AssumeRole, options.AssumeRoleExternalId, environment),
                http,
                logger)));
        }

        return new AwsProvider(options, clients, domainFilter, loggerFactory.CreateLogger<AwsProvider>(), http.Time);
    }

    /// <summary>The Route53 endpoint and signing region of the partition of <paramref name="region"/>.</summary>
    internal static (Uri Endpoint, string SigningRegion) Partition(string? region) => region switch
    {
        not null when region.StartsWith("cn-", StringComparison.Ordinal) => (new Uri("https://route53.amazonaws.com.cn/"), "cn-northwest-1"),
        not null when region.StartsWith("us-gov-", StringComparison.Ordinal) => (new Uri("https://route53.us-gov.amazonaws.com/"), "us-gov-west-1"),
        _ => (new Uri(Route53ClientOptions.DefaultEndpoint), "us-east-1"),
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static int Positive(IFlagValues flags, string name)
    {
        var value = flags.Int(name);
        return value > 0 ? value : throw new FlagException($"--{name}={value}: must be greater than 0");
    }

    private static TimeSpan NonNegative(IFlagValues flags, string name)
    {
        var value = flags.Duration(name);
        return value >= TimeSpan.Zero ? value : throw new FlagException($"--{name}: must not be negative");
    }
}
