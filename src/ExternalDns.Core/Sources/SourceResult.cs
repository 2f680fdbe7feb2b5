using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Sources;

/// <summary>
/// What a source knows about the desired state.
/// <list type="bullet">
/// <item><see cref="IsComplete"/> is false when part of the desired state could not be read (a cache not synced, a
/// list that failed, a manifest file that could not be read). The planner then deletes nothing.</item>
/// <item><see cref="UnresolvedResources"/> names resources (<c>kind/namespace/name</c>, as in the <c>resource</c>
/// label) whose endpoints could not be computed; records owned by them are neither changed nor deleted.</item>
/// <item><see cref="UnresolvedKinds"/> names whole kinds (the part of the <c>resource</c> label before the first '/',
/// e.g. <c>httproute</c>) that could not be read at all (a CustomResourceDefinition not installed): every record owned
/// by a resource of such a kind is neither changed nor deleted, while the rest of the view is planned normally.</item>
/// <item><see cref="IsReady"/> is false when the source cannot give a trustworthy view at all (a watch cache not yet
/// synced, a list that failed): the reconcile is skipped, nothing is planned or written.</item>
/// </list>
/// </summary>
public sealed class SourceResult
{
    /// <summary>A result that makes the controller skip this reconcile.</summary>
    public static SourceResult NotReady(string reason) => new([], isComplete: false, incompleteReason: reason) { IsReady = false };

    /// <summary>False when the reconcile must be skipped (see <see cref="NotReady"/>).</summary>
    public bool IsReady { get; private init; } = true;

    public SourceResult(IReadOnlyList<Endpoint> endpoints, bool isComplete = true, IEnumerable<string>? unresolvedResources = null, string? incompleteReason = null)
    {
        Endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
        IsComplete = isComplete;
        UnresolvedResources = new HashSet<string>(unresolvedResources ?? [], StringComparer.Ordinal);
        IncompleteReason = incompleteReason;
    }

    /// <summary>
    /// The desired endpoints. Read-only for every consumer: a source may keep these instances and hand the same ones out
    /// again on its next pass (the Kubernetes source keeps each DNS name's endpoints until an object behind the name
    /// changes), and the controller compares them by reference to find what changed. A consumer that needs to change one
    /// changes a copy (<see cref="Endpoint.Clone"/>); the controller copies them before the registry and provider adjust them.
    /// </summary>
    public IReadOnlyList<Endpoint> Endpoints { get; }

    /// <summary>The same view (completeness, unresolved resources and kinds, tallies) over other endpoints; this when they are the same list.</summary>
    public SourceResult WithEndpoints(IReadOnlyList<Endpoint> endpoints) => ReferenceEquals(endpoints, Endpoints)
        ? this
        : new SourceResult(endpoints, IsComplete, UnresolvedResources, IncompleteReason)
        {
            UnresolvedKinds = UnresolvedKinds,
            InvalidEndpoints = InvalidEndpoints,
            DeduplicatedEndpoints = DeduplicatedEndpoints,
        };

    public bool IsComplete { get; }

    public IReadOnlySet<string> UnresolvedResources { get; }

    /// <summary>Resource label kinds (<c>httproute</c>, <c>ingressroute</c>, …) whose records are all kept as they are.</summary>
    public IReadOnlySet<string> UnresolvedKinds { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>True when records owned by <paramref name="resource"/> (a <c>resource</c> label) must not be changed or deleted.</summary>
    public bool IsUnresolved(string? resource)
    {
        if (string.IsNullOrEmpty(resource))
        {
            return false;
        }

        if (UnresolvedResources.Contains(resource))
        {
            return true;
        }

        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        return UnresolvedKinds.Count > 0 && slash > 0 && UnresolvedKinds.Contains(resource[..slash]);
    }

    /// <summary>Why the view is incomplete, for logs; null when complete.</summary>
    public string? IncompleteReason { get; }

    /// <summary>Endpoints dropped because their record data does not fit their type (upstream's <c>CheckEndpoint</c>), by record type and source.</summary>
    public EndpointTally InvalidEndpoints { get; init; } = new();

    /// <summary>Endpoints dropped as exact duplicates of another (same type, name, set identifier and targets), by record type and source.</summary>
    public EndpointTally DeduplicatedEndpoints { get; init; } = new();
}
