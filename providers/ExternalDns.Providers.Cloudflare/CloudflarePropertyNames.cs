namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// The provider-specific property names the provider reads and writes. Upstream keeps the full annotation key
/// (<c>external-dns.kubernetes.io/cloudflare-proxied</c> with the default <c>--annotation-prefix</c>); the same
/// properties spelled with the default prefix or the legacy <c>external-dns.alpha.kubernetes.io/</c> (DNSEndpoint
/// objects written for earlier releases) are read too and canonicalised to the configured prefix.
/// </summary>
public sealed class CloudflarePropertyNames
{
    public const string LegacyPrefix = "external-dns.alpha.kubernetes.io/";

    /// <summary>Set on a record read back whose Cloudflare records disagree (proxied, TTL, comment or tags differ between
    /// the targets): no desired endpoint carries it, so the record set is rewritten once and converges.</summary>
    public const string Inconsistent = "cloudflare/inconsistent";

    private readonly string[] _prefixes;

    public CloudflarePropertyNames(string annotationPrefix = CloudflareProviderOptions.DefaultAnnotationPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(annotationPrefix);
        Prefix = annotationPrefix;
        _prefixes = [.. new[] { annotationPrefix, CloudflareProviderOptions.DefaultAnnotationPrefix, LegacyPrefix }.Distinct(StringComparer.Ordinal)];
        Proxied = Prefix + "cloudflare-proxied";
        RecordComment = Prefix + "cloudflare-record-comment";
        Tags = Prefix + "cloudflare-tags";
        CustomHostname = Prefix + "cloudflare-custom-hostname";
        RegionKey = Prefix + "cloudflare-region-key";
    }

    public string Prefix { get; }

    public string Proxied { get; }

    public string RecordComment { get; }

    public string Tags { get; }

    public string CustomHostname { get; }

    public string RegionKey { get; }

    /// <summary>The canonical name of a property that names a Cloudflare attribute under any accepted prefix; null otherwise.</summary>
    public string? Canonical(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        foreach (var prefix in _prefixes)
        {
            if (propertyName.StartsWith(prefix, StringComparison.Ordinal))
            {
                var canonical = Prefix + propertyName[prefix.Length..];
                if (canonical == Proxied || canonical == RecordComment || canonical == Tags || canonical == CustomHostname || canonical == RegionKey)
                {
                    return canonical;
                }
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="propertyName"/> is spelled with the configured prefix (it wins over aliases).</summary>
    public bool IsCanonicalSpelling(string propertyName) => propertyName.StartsWith(Prefix, StringComparison.Ordinal);
}
