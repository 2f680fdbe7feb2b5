using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Composition;

/// <summary>What the controller does with the cluster around each reconcile (see <see cref="KubernetesHooks"/>).</summary>
public sealed class KubernetesHooksOptions
{
    /// <summary><c>--kubernetes-events</c> and not a dry run: write Events on source objects.</summary>
    public bool WriteEvents { get; init; }

    /// <summary><c>--events-emit</c>: the Event reasons written; null for the default (all but RecordError).</summary>
    public IReadOnlySet<string>? EmitReasons { get; init; }

    /// <summary>The leader election settings with <c>--leader-elect</c> (and not <c>--once</c>); null otherwise.</summary>
    public LeaderElectionOptions? LeaderElection { get; init; }

    /// <summary>The API client settings, for the extra clients of Events and the Lease.</summary>
    public KubeClientOptions Client { get; init; } = new();
}
