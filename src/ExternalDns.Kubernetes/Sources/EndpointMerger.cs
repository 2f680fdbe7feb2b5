using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Upstream's source-level merging of endpoints that several objects (or pods, nodes) contribute to. The given endpoints
/// are never changed (they are the mapping memo's, handed out again on later passes): a merged or re-sorted endpoint is
/// a copy.
/// </summary>
public static class EndpointMerger
{
    /// <summary>
    /// The service source's merge: endpoints are ordered by <c>resource</c> label (so the same service always owns a
    /// merged record), endpoints with the same key (name, type, set identifier) are merged into the first — its TTL,
    /// labels and properties win — except CNAMEs, which stay separate; the result is ordered by name and type.
    /// </summary>
    public static List<Endpoint> MergeServiceEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Count <= 1)
        {
            return [.. endpoints];
        }

        var ordered = endpoints.OrderBy(e => e.Labels.Resource ?? string.Empty, StringComparer.Ordinal).ToList();
        var groups = new Dictionary<EndpointKey, List<Endpoint>>();
        var order = new List<EndpointKey>();
        var copies = new HashSet<Endpoint>(ReferenceEqualityComparer.Instance);
        foreach (var ep in ordered)
        {
            if (groups.TryGetValue(ep.Key, out var existing))
            {
                if (existing[0].RecordType == RecordTypes.CNAME)
                {
                    existing.Add(ep);
                    continue;
                }

                existing[0] = WithTargets(existing[0], new Targets([.. existing[0].Targets, .. ep.Targets]).AsSortedSet(), copies);
            }
            else
            {
                groups[ep.Key] = [WithTargets(ep, ep.Targets.AsSortedSet(), copies)];
                order.Add(ep.Key);
            }
        }

        return [.. order.SelectMany(k => groups[k])
            .OrderBy(e => e.DnsName, StringComparer.Ordinal)
            .ThenBy(e => e.RecordType, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Upstream's <c>MergeEndpoints</c>: endpoints with the same name, type, set identifier and TTL are merged (the
    /// first keeps its metadata); CNAME and DNAME endpoints are merged only with identical first targets; targets are
    /// sorted and deduplicated. A CNAME or DNAME without targets is dropped.
    /// </summary>
    public static List<Endpoint> MergeEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var map = new Dictionary<(string, string, string, long, string), Endpoint>();
        var order = new List<(string, string, string, long, string)>();
        var copies = new HashSet<Endpoint>(ReferenceEqualityComparer.Instance);
        foreach (var ep in endpoints)
        {
            var single = ep.RecordType is RecordTypes.CNAME or RecordTypes.DNAME;
            if (single && ep.Targets.Count == 0)
            {
                continue;
            }

            var key = (ep.DnsName, ep.RecordType, ep.SetIdentifier, ep.RecordTtl, single ? ep.Targets[0] : string.Empty);
            if (map.TryGetValue(key, out var existing))
            {
                map[key] = WithTargets(existing, new Targets([.. existing.Targets, .. ep.Targets]), copies);
            }
            else
            {
                map[key] = ep;
                order.Add(key);
            }
        }

        var result = new List<Endpoint>(order.Count);
        foreach (var key in order)
        {
            var ep = map[key];
            result.Add(WithTargets(ep, ep.Targets.AsSortedSet(), copies));
        }

        return result;
    }

    /// <summary>
    /// <paramref name="ep"/> with <paramref name="targets"/>: itself when they are its targets already, else a copy (made
    /// once per call and then changed in place: <paramref name="copies"/> holds the copies this call made).
    /// </summary>
    private static Endpoint WithTargets(Endpoint ep, Targets targets, HashSet<Endpoint> copies)
    {
        if (ReferenceEquals(targets, ep.Targets))
        {
            return ep;
        }

        if (!copies.Contains(ep))
        {
            ep = ep.Clone();
            copies.Add(ep);
        }

        ep.Targets = targets;
        return ep;
    }
}
