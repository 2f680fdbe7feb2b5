namespace ExternalDns.Core.Controller;

/// <summary>
/// Which registry and provider combinations may plan event-driven passes incrementally
/// (<see cref="ControllerOptions.IncrementalEventPasses"/>): those whose apply works from its own state kept up to date
/// with its writes, never from a record list that the previous read left behind. The TXT and noop registries do (the
/// TXT registry's ownership table follows its writes, as with <c>--txt-cache-interval</c>); of the providers, the
/// in-memory, RFC2136, PowerDNS, Google (its record-set table follows its writes) and Azure (its ETags follow its
/// writes) ones do. Route53 deletes the record sets of the last read and Cloudflare updates by the record ids of the
/// last read; the webhook provider's remote side may rely on a read before each apply (upstream always reads first):
/// those keep full passes.
/// </summary>
public static class IncrementalPlanning
{
    private static readonly HashSet<string> Registries = new(StringComparer.Ordinal) { "txt", "noop" };

    private static readonly HashSet<string> Providers = new(StringComparer.Ordinal)
    {
        "inmemory", "rfc2136", "pdns", "google", "azure", "azure-dns", "azure-private-dns",
    };

    /// <summary>True when <paramref name="registry"/> (<c>--registry</c>) and <paramref name="provider"/> (<c>--provider</c>) allow it.</summary>
    public static bool Supported(string registry, string provider) => Registries.Contains(registry) && Providers.Contains(provider);
}
