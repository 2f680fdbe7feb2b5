using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>Runs the product's <see cref="Planner"/> with the arguments the registry scenarios use.</summary>
public static class ScenarioPlanner
{
    public static readonly string[] Policies = ["sync", "upsert-only", "create-only"];

    public static Changes Plan(
        IReadOnlyList<Endpoint> current,
        IReadOnlyList<Endpoint> desired,
        string ownerId,
        IReadOnlyCollection<string> managed,
        string policy = "sync")
    {
        if (!PolicyNames.TryParse(policy, out var parsed))
        {
            throw new ArgumentException($"unknown policy {policy}", nameof(policy));
        }

        return Planner.Calculate(current, desired, new PlanOptions { OwnerId = ownerId, ManagedRecordTypes = managed, Policy = parsed }).Changes;
    }
}
