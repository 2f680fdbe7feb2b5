using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Planning;

/// <summary>
/// Picks one endpoint when several resources want the same name and type (upstream's <c>PerResource</c> resolver):
/// a create takes the minimum candidate (fewer targets, then IPs before names, then lexical order); an update keeps the
/// candidate of the resource that already holds the record, else the minimum.
/// </summary>
public static class ConflictResolver
{
    public static Endpoint ResolveCreate(IReadOnlyList<Endpoint> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var min = candidates[0];
        for (var i = 1; i < candidates.Count; i++)
        {
            if (candidates[i].Targets.IsLess(min.Targets))
            {
                min = candidates[i];
            }
        }

        return min;
    }

    public static Endpoint ResolveUpdate(Endpoint current, IReadOnlyList<Endpoint> candidates)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 1)
        {
            return candidates[0];
        }

        var resource = current.Labels.Resource;
        Endpoint? best = null;
        foreach (var candidate in candidates)
        {
            if (candidate.Labels.Resource == resource && (best is null || candidate.Targets.IsLess(best.Targets)))
            {
                best = candidate;
            }
        }

        return best ?? ResolveCreate(candidates);
    }
}
