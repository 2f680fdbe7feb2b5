using ExternalDns.Core.Text;
using System.Globalization;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Reads ExternalDNS annotations (upstream <c>source/annotations</c>) under the configured prefix
/// (<c>--annotation-prefix</c>, default <c>external-dns.kubernetes.io/</c>).
/// <para>
/// Legacy prefix: upstream v0.22 changed the default prefix from <c>external-dns.alpha.kubernetes.io/</c> and reads
/// only the configured one, so objects annotated for earlier releases silently lose their records on upgrade. Here,
/// when the prefix is the default and legacy reading is on, an annotation missing under the new prefix is read from
/// the legacy prefix; when both are present the new prefix wins. With a custom prefix only that prefix is read
/// (split-horizon set-ups rely on that). Provider-specific names are always spelled with the configured prefix, so a
/// legacy <c>cloudflare-proxied</c> becomes <c>external-dns.kubernetes.io/cloudflare-proxied</c> as the providers expect.
/// </para>
/// </summary>
public sealed class AnnotationReader
{
    public const string DefaultPrefix = "external-dns.kubernetes.io/";
    public const string LegacyPrefix = "external-dns.alpha.kubernetes.io/";

    public const string Hostname = "hostname";
    public const string InternalHostname = "internal-hostname";
    public const string Target = "target";
    public const string Ttl = "ttl";
    public const string SetIdentifier = "set-identifier";
    public const string Alias = "alias";
    public const string RecordType = "record-type";
    public const string Controller = "controller";
    public const string Access = "access";
    public const string EndpointsType = "endpoints-type";
    public const string IngressHostnameSource = "ingress-hostname-source";
    public const string GatewayHostnameSource = "gateway-hostname-source";

    /// <summary>On an Istio Gateway: <c>[namespace/]name</c> of the Ingress whose load balancer gives the targets.</summary>
    public const string Ingress = "ingress";

    /// <summary>The only <c>controller</c> annotation value that does not make ExternalDNS skip an object.</summary>
    public const string ControllerValue = "dns-controller";

    private const long TtlMinimum = 1;
    private const long TtlMaximum = int.MaxValue;

    private static readonly string[] CloudflareKeys = ["cloudflare-custom-hostname", "cloudflare-proxied", "cloudflare-region-key", "cloudflare-record-comment", "cloudflare-tags"];

    public AnnotationReader(string prefix = DefaultPrefix, bool readLegacyPrefix = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException($"annotation prefix '{prefix}' must end with '/'", nameof(prefix));
        }

        Prefix = prefix;
        ReadsLegacyPrefix = readLegacyPrefix && prefix == DefaultPrefix;
    }

    public string Prefix { get; }

    public bool ReadsLegacyPrefix { get; }

    /// <summary>The full key of an annotation under the configured prefix, e.g. <c>external-dns.kubernetes.io/ttl</c>.</summary>
    public string Key(string name) => Prefix + name;

    /// <summary>Looks an annotation up; <paramref name="key"/> is the key actually found (for warnings).</summary>
    public bool TryGet(IReadOnlyDictionary<string, string> annotations, string name, out string value, out string key)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        key = Prefix + name;
        if (annotations.TryGetValue(key, out var v))
        {
            value = v;
            return true;
        }

        if (ReadsLegacyPrefix && annotations.TryGetValue(LegacyPrefix + name, out v))
        {
            key = LegacyPrefix + name;
            value = v;
            return true;
        }

        value = string.Empty;
        return false;
    }

    public string? Get(IReadOnlyDictionary<string, string> annotations, string name) =>
        TryGet(annotations, name, out var value, out _) ? value : null;

    /// <summary>The annotations under our prefix(es), by name without prefix; the configured prefix wins.</summary>
    public SortedDictionary<string, (string Value, string Key)> Effective(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var result = new SortedDictionary<string, (string, string)>(StringComparer.Ordinal);
        if (ReadsLegacyPrefix)
        {
            foreach (var (k, v) in annotations)
            {
                if (k.StartsWith(LegacyPrefix, StringComparison.Ordinal))
                {
                    result[k[LegacyPrefix.Length..]] = (v, k);
                }
            }
        }

        foreach (var (k, v) in annotations)
        {
            if (k.StartsWith(Prefix, StringComparison.Ordinal))
            {
                result[k[Prefix.Length..]] = (v, k);
            }
        }

        return result;
    }

    /// <summary>
    /// Upstream's <c>SplitHostnameAnnotation</c>: all spaces removed, split on ','. Empty items are left out here
    /// (upstream would produce an empty name that no provider accepts).
    /// </summary>
    public static IReadOnlyList<string> SplitList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace(" ", string.Empty, StringComparison.Ordinal).Trim()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>True when the <c>controller</c> annotation is present with a value other than <c>dns-controller</c>.</summary>
    public bool IsControllerMismatch(IReadOnlyDictionary<string, string> annotations) =>
        TryGet(annotations, Controller, out var value, out _) && value != ControllerValue;

    /// <summary>
    /// Parses a TTL annotation value as upstream: a Go duration (<c>5m</c>, <c>1h30m</c>, <c>300s</c>) or an integer
    /// number of seconds, valid from 1 to 2³¹-1. Returns null and the reason when invalid (the TTL is then unset).
    /// </summary>
    public static long? ParseTtl(string value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(value);
        long seconds;
        if (GoDuration.TryParse(value, out var duration))
        {
            seconds = (long)Math.Truncate(duration.TotalSeconds);
        }
        else if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            seconds = n;
        }
        else
        {
            error = "is not a valid TTL (expected seconds or a duration such as 5m)";
            return null;
        }

        if (seconds < TtlMinimum || seconds > TtlMaximum)
        {
            error = $"is out of range: a TTL must be between {TtlMinimum} and {TtlMaximum} seconds";
            return null;
        }

        error = null;
        return seconds;
    }

    /// <summary>
    /// Upstream's <c>ProviderSpecificAnnotations</c>: <c>alias: "true"</c> → <c>alias=true</c>; <c>record-type</c>;
    /// <c>aws-*</c>, <c>scw-*</c>, <c>webhook-*</c>, <c>coredns-*</c> → <c>&lt;provider&gt;/*</c>; <c>azure-tags</c> →
    /// <c>azure/tags</c>; the five known <c>cloudflare-*</c> annotations keep their full key (with the configured prefix).
    /// Returned sorted by name for determinism (upstream iterates a Go map).
    /// </summary>
    public List<ProviderSpecificProperty> ProviderSpecific(IReadOnlyDictionary<string, string> annotations)
    {
        var result = new List<ProviderSpecificProperty>();
        foreach (var (name, (value, _)) in Effective(annotations))
        {
            if (name == Alias)
            {
                if (value == "true")
                {
                    result.Add(new ProviderSpecificProperty("alias", "true"));
                }
            }
            else if (name == RecordType)
            {
                result.Add(new ProviderSpecificProperty("record-type", value));
            }
            else if (name.StartsWith("aws-", StringComparison.Ordinal))
            {
                result.Add(new ProviderSpecificProperty("aws/" + name[4..], value));
            }
            else if (name.StartsWith("scw-", StringComparison.Ordinal))
            {
                result.Add(new ProviderSpecificProperty("scw/" + name[4..], value));
            }
            else if (name.StartsWith("webhook-", StringComparison.Ordinal))
            {
                result.Add(new ProviderSpecificProperty("webhook/" + name[8..], value));
            }
            else if (name.StartsWith("coredns-", StringComparison.Ordinal))
            {
                result.Add(new ProviderSpecificProperty("coredns/" + name[8..], value));
            }
            else if (name == "azure-tags")
            {
                result.Add(new ProviderSpecificProperty("azure/tags", value));
            }
            else if (CloudflareKeys.Contains(name, StringComparer.Ordinal))
            {
                result.Add(new ProviderSpecificProperty(Prefix + name, value));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }
}
