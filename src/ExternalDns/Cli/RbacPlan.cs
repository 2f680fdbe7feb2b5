using ExternalDns.Kubernetes.Watching;

namespace ExternalDns.Cli;

/// <summary>The RBAC a command line needs (see <see cref="RbacGenerator"/>).</summary>
/// <param name="Namespace">Where ExternalDns runs: its ServiceAccount and the Lease.</param>
/// <param name="ClusterRules">The ClusterRole's rules (empty: no ClusterRole).</param>
/// <param name="Roles">Namespaced Roles: Events with <c>--namespace</c>, the Lease with <c>--leader-elect</c>.</param>
public sealed record RbacPlan(string Namespace, IReadOnlyList<RbacRule> ClusterRules, IReadOnlyList<RbacRole> Roles);
