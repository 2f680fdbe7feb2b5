using ExternalDns.Kubernetes.Watching;

namespace ExternalDns.Cli;

/// <summary>A namespaced Role of an <see cref="RbacPlan"/>.</summary>
public sealed record RbacRole(string Name, string Namespace, IReadOnlyList<RbacRule> Rules);
