using ExternalDns.Core.Providers.Modules;

namespace ExternalDns.Core.Controller;

/// <summary>
/// Which registry and provider combinations may plan event-driven passes incrementally
/// (<see cref="ControllerOptions.IncrementalEventPasses"/>). An incremental pass plans from the last full read kept up
/// to date with our own writes, so a record someone else made or changed since that read is not in its view. That is
/// safe only where the provider's writes are conditional (<see cref="IProviderModule.WritesAreConditional"/>): a
/// colliding write is refused, the pass fails, and the next pass is a full one. The TXT and noop registries follow
/// their own writes (as with <c>--txt-cache-interval</c>). Full passes stay for the rest, for example RFC2136 (adds
/// records without prerequisites, so they would join a record set someone else made), PowerDNS (replaces record sets),
/// Route53 (deletes the record sets of the last read), Cloudflare (updates by the record ids of the last read) and the
/// webhook provider (its remote side may rely on a read before each apply, as upstream always reads first).
/// </summary>
public static class IncrementalPlanning
{
    private static readonly HashSet<string> Registries = new(StringComparer.Ordinal) { "txt", "noop" };

    /// <summary>True when <paramref name="registry"/> (<c>--registry</c>) and the <c>--provider</c> module allow it.</summary>
    public static bool Supported(string registry, IProviderModule provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return Registries.Contains(registry) && provider.WritesAreConditional;
    }
}
