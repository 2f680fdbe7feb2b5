using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Registry;

/// <summary>
/// The last guard every registry applies before a write: only endpoints whose owner label is this instance's owner id
/// are deleted or updated; the others are dropped and reported through <c>skipped</c>.
/// </summary>
public static class OwnershipFilter
{
    public static bool IsOwned(Endpoint endpoint, string ownerId)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Labels.TryGetValue(Labels.OwnerKey, out var owner) && owner == ownerId;
    }

    /// <summary>The endpoints owned by <paramref name="ownerId"/>, in order; each other one is passed to <paramref name="skipped"/>.</summary>
    public static List<Endpoint> Owned(IEnumerable<Endpoint> endpoints, string ownerId, Action<Endpoint> skipped)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(skipped);
        var result = new List<Endpoint>();
        foreach (var ep in endpoints)
        {
            if (IsOwned(ep, ownerId))
            {
                result.Add(ep);
            }
            else
            {
                skipped(ep);
            }
        }

        return result;
    }

    /// <summary>
    /// The owned updates. Upstream filters both sides independently; pairs stay aligned because an update inherits the
    /// current owner. When both lists have the same length they are filtered pairwise, so that new[i] still replaces
    /// old[i]; a pair with a foreign side is dropped whole and its foreign side reported.
    /// </summary>
    public static (List<Endpoint> Old, List<Endpoint> New) OwnedUpdates(List<Endpoint> oldSide, List<Endpoint> newSide, string ownerId, Action<Endpoint> skipped)
    {
        ArgumentNullException.ThrowIfNull(oldSide);
        ArgumentNullException.ThrowIfNull(newSide);
        ArgumentNullException.ThrowIfNull(skipped);
        if (oldSide.Count != newSide.Count)
        {
            return (Owned(oldSide, ownerId, skipped), Owned(newSide, ownerId, skipped));
        }

        var keptOld = new List<Endpoint>();
        var keptNew = new List<Endpoint>();
        for (var i = 0; i < oldSide.Count; i++)
        {
            var oldOwned = IsOwned(oldSide[i], ownerId);
            if (oldOwned && IsOwned(newSide[i], ownerId))
            {
                keptOld.Add(oldSide[i]);
                keptNew.Add(newSide[i]);
            }
            else
            {
                skipped(oldOwned ? newSide[i] : oldSide[i]);
            }
        }

        return (keptOld, keptNew);
    }
}
