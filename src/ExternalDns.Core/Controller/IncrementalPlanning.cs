namespace ExternalDns.Core.Controller;

/// <summary>
/// Which registry and provider combinations may plan event-driven passes incrementally
/// (<see cref="ControllerOptions.IncrementalEventPasses"/>). An incremental pass plans from the last full read kept up
/// to date with our own writes, so a record someone else made or changed since that read is not in its view. That is
/// safe only where every write is conditional on the state the plan assumed, so the provider refuses instead of
/// overwriting: a create fails when the record exists, an update or delete fails when the record is not what was read.
/// A refused apply fails the pass, and the next pass is a full one. The in-memory provider refuses a create over an
/// existing record; Cloud DNS refuses additions that exist and deletions that do not match exactly; Azure sends
/// <c>If-None-Match: *</c> on creates and the read's ETag in <c>If-Match</c> on updates and deletes. The TXT and noop
/// registries follow their own writes (as with <c>--txt-cache-interval</c>).
/// Full passes stay for the rest: RFC2136 adds records without prerequisites (they would join a record set someone
/// else made), PowerDNS replaces record sets, Route53 deletes the record sets of the last read, Cloudflare updates by
/// the record ids of the last read, and the webhook provider's remote side may rely on a read before each apply
/// (upstream always reads first).
/// </summary>
public static class IncrementalPlanning
{
    private static readonly HashSet<string> Registries = new(StringComparer.Ordinal) { "txt", "noop" };

    private static readonly HashSet<string> Providers = new(StringComparer.Ordinal)
    {
        "inmemory", "google", "azure", "azure-dns", "azure-private-dns",
    };

    /// <summary>True when <paramref name="registry"/> (<c>--registry</c>) and <paramref name="provider"/> (<c>--provider</c>) allow it.</summary>
    public static bool Supported(string registry, string provider) => Registries.Contains(registry) && Providers.Contains(provider);
}
