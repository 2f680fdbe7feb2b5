using ExternalDns.Composition;
using ExternalDns.Core.Configuration;

namespace ExternalDns.Cli;

/// <summary>
/// Checks of the general flags that need more than one flag or a value's meaning; each failure names the flag, exit
/// code 2. A provider's flags are checked by its module, the registry's by the registry: each check lives in one place.
/// </summary>
public static class FlagValidation
{
    public static void Validate(ParsedFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var provider = flags.String("provider");
        if (provider.Length == 0)
        {
            throw new FlagException($"--provider is required (options: {string.Join(", ", FlagCatalog.Providers)})");
        }

        if (ProviderModules.Find(provider) is null)
        {
            throw new FlagException(FlagCatalog.UpstreamProviders.Contains(provider)
                ? $"--provider={provider}: this provider is not available in this version of ExternalDns yet (available: {string.Join(", ", FlagCatalog.Providers)})"
                : $"--provider={provider}: unknown provider (options: {string.Join(", ", FlagCatalog.Providers)})");
        }

        FlagParser.ValidateRegex(flags, "regex-domain-filter");
        FlagParser.ValidateRegex(flags, "regex-domain-exclusion");
        if (flags.Bool("webhook-server"))
        {
            // Serving the provider: no reconcile, so no source, policy or registry is used (upstream ignores --source too).
            return;
        }

        var sources = flags.List("source");
        if (sources.Count == 0)
        {
            throw new FlagException($"--source is required (options: {string.Join(", ", FlagCatalog.SourceNames)})");
        }

        foreach (var source in sources)
        {
            if (!FlagCatalog.SourceNames.Contains(source))
            {
                throw new FlagException(FlagCatalog.PlannedSources.Contains(source)
                    ? $"--source={source}: this source is not available in this version of ExternalDns yet (available: {string.Join(", ", FlagCatalog.SourceNames)})"
                    : $"--source={source}: unknown source (options: {string.Join(", ", FlagCatalog.SourceNames)}){FlagParser.RepeatHint(FlagCatalog.Find("source")!, source, "--source")}");
            }
        }

        if (!flags.IsSet("policy"))
        {
            throw new FlagException("--policy is required (options: sync, upsert-only, create-only); since upstream v0.22 there is no default — use --policy=sync for the old behaviour");
        }

        if (sources.Contains("manifest") && flags.List("manifest-path").Count == 0)
        {
            throw new FlagException("--manifest-path is required with --source=manifest");
        }

        if (!flags.String("annotation-prefix").EndsWith('/'))
        {
            throw new FlagException($"--annotation-prefix=\"{flags.String("annotation-prefix")}\": must end with '/'");
        }

        if (flags.Bool("ignore-hostname-annotation") && flags.List("fqdn-template").Count == 0)
        {
            throw new FlagException("--ignore-hostname-annotation requires --fqdn-template");
        }

        if (flags.Duration("interval") <= TimeSpan.Zero)
        {
            throw new FlagException($"--interval={flags.String("interval")}: must be greater than zero");
        }

        if (flags.Bool("leader-elect") && flags.Duration("leader-election-renew-deadline") >= flags.Duration("leader-election-lease-duration"))
        {
            throw new FlagException("--leader-election-renew-deadline must be shorter than --leader-election-lease-duration");
        }

        if (flags.Bool("create-ptr") && !flags.List("managed-record-types").Contains("PTR", StringComparer.Ordinal))
        {
            throw new FlagException("--create-ptr requires PTR in --managed-record-types (as upstream; for example --managed-record-types=A --managed-record-types=AAAA --managed-record-types=CNAME --managed-record-types=PTR)");
        }

        switch (flags.String("registry"))
        {
            case "dynamodb":
                // Exit code 2, as an unavailable provider: the command line names a component this build does not have,
                // and only the command line can change that (nothing outside it is wrong).
                throw new FlagException("--registry=dynamodb: the DynamoDB registry is not built into ExternalDns; use --registry=txt (ownership in TXT records)");
            case "aws-sd":
                throw new FlagException("--registry=aws-sd: the AWS Cloud Map (aws-sd) registry is not built into ExternalDns; use --registry=txt (ownership in TXT records)");
            default:
                break;
        }

        if (flags.String("crd-source-apiversion") != "externaldns.k8s.io/v1alpha1" || flags.String("crd-source-kind") != "DNSEndpoint")
        {
            throw new FlagException("--crd-source-apiversion/--crd-source-kind: only externaldns.k8s.io/v1alpha1 DNSEndpoint is supported (as upstream's typed crd source)");
        }
    }
}
