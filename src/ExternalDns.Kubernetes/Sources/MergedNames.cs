using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// The source-level result of the service, ingress and crd sources kept between mapping passes, one group per DNS name
/// (the name exactly as the endpoints spell it): the merged, defaulted, deduplicated and sorted endpoints of that name and
/// what the dedup found (warnings, unresolved resources, invalid and duplicate counts). Every source-level step
/// (<see cref="EndpointMerger"/>, <c>--default-targets</c>, dedup, the final sort) only ever combines endpoints of one name,
/// and keeps the relative order of its input, so a name's group depends only on the endpoints the objects contributed to
/// that name, in snapshot order. A pass recomputes only the names that changed objects contributed to before or after,
/// plus the names several objects share whose relative order in the snapshot changed; the others are reused.
/// Owned by one <see cref="KubernetesMapper"/>, used under its lock.
/// </summary>
internal sealed class MergedNames
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);

    // Every name with a group, in ordinal order (the order of the final sort, whose first key is the name).
    private readonly List<string> _names = [];

    // Names whose group carries dedup findings (most carry none), in ordinal order.
    private readonly SortedSet<string> _withFindings = new(StringComparer.Ordinal);

    // Names that several objects contribute to (their relative order in the snapshot decides the merge).
    private readonly HashSet<string> _shared = new(StringComparer.Ordinal);

    private int _endpointCount;

    /// <summary>Names whose group the last <see cref="Update"/> recomputed.</summary>
    public int LastRecomputed { get; private set; }

    /// <summary>Objects whose snapshot position <see cref="Update"/> needs (those of the shared names).</summary>
    public bool NeedsPosition(KubeObject obj) => _sharedObjects.Contains(obj);

    private readonly HashSet<KubeObject> _sharedObjects = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Brings the groups up to date. <paramref name="contributions"/> are this pass's mappings in snapshot order with their
    /// category (0 service, 1 ingress, 2 crd); <paramref name="dirty"/> the names to recompute (null: all of them);
    /// <paramref name="positions"/> the snapshot position of each object <see cref="NeedsPosition"/> asked for.
    /// </summary>
    public void Update(IReadOnlyList<(int Category, KubeObject Object, ObjectMapping Mapping)> contributions, HashSet<string>? dirty,
        Dictionary<KubeObject, int> positions, Func<List<Endpoint>, List<Endpoint>> defaultTargets)
    {
        var all = dirty is null;
        dirty ??= new HashSet<string>(StringComparer.Ordinal);
        if (all)
        {
            foreach (var name in _names)
            {
                dirty.Add(name);
            }
        }
        else
        {
            // A shared name whose contributors are all unchanged is still recomputed when their order changed.
            foreach (var name in _shared)
            {
                if (!dirty.Contains(name) && !InOrder(_groups[name].Contributors!, positions))
                {
                    dirty.Add(name);
                }
            }
        }

        var inputs = new Dictionary<string, Input>(StringComparer.Ordinal);
        if (all || dirty.Count > 0)
        {
            foreach (var (category, obj, mapping) in contributions)
            {
                foreach (var e in mapping.Endpoints)
                {
                    if (!all && !dirty.Contains(e.DnsName))
                    {
                        continue;
                    }

                    if (all)
                    {
                        dirty.Add(e.DnsName);
                    }

                    if (!inputs.TryGetValue(e.DnsName, out var input))
                    {
                        inputs[e.DnsName] = input = new Input();
                    }

                    input.Lists[category].Add(e);
                    if (!ReferenceEquals(input.Last, obj))
                    {
                        input.Contributors.Add(obj);
                        input.Last = obj;
                    }
                }
            }
        }

        LastRecomputed = dirty.Count;
        var inserted = new List<string>();
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in dirty)
        {
            var existed = _groups.Remove(name, out var old);
            if (old is not null)
            {
                _endpointCount -= old.Endpoints.Count;
                _withFindings.Remove(name);
                if (_shared.Remove(name))
                {
                    foreach (var o in old.Contributors!)
                    {
                        _sharedObjects.Remove(o);
                    }
                }
            }

            if (!inputs.TryGetValue(name, out var input))
            {
                if (existed)
                {
                    removed.Add(name);
                }

                continue;
            }

            var group = Build(input, defaultTargets);
            _groups[name] = group;
            _endpointCount += group.Endpoints.Count;
            if (group.HasFindings)
            {
                _withFindings.Add(name);
            }

            if (group.Contributors is not null)
            {
                _shared.Add(name);
            }

            if (!existed)
            {
                inserted.Add(name);
            }
        }

        // Shared objects are re-registered from the current groups (an object can serve several shared names).
        if (_shared.Count > 0)
        {
            foreach (var name in _shared)
            {
                foreach (var o in _groups[name].Contributors!)
                {
                    _sharedObjects.Add(o);
                }
            }
        }

        if (removed.Count > 0)
        {
            _names.RemoveAll(removed.Contains);
        }

        if (inserted.Count > 0)
        {
            if (inserted.Count > 64)
            {
                _names.AddRange(inserted);
                _names.Sort(StringComparer.Ordinal);
            }
            else
            {
                foreach (var name in inserted)
                {
                    var at = _names.BinarySearch(name, StringComparer.Ordinal);
                    _names.Insert(~at, name);
                }
            }
        }
    }

    /// <summary>
    /// Every endpoint, sorted: the kept instances themselves, which nobody changes (a group is replaced, never changed,
    /// when it is recomputed; consumers treat <c>SourceResult.Endpoints</c> as read-only). An unchanged name thus hands
    /// the controller the very instances of the last pass, which it compares by reference.
    /// </summary>
    public List<Endpoint> Endpoints()
    {
        var result = new List<Endpoint>(_endpointCount);
        foreach (var name in _names)
        {
            result.AddRange(_groups[name].Endpoints);
        }

        return result;
    }

    /// <summary>Adds the dedup findings of every group.</summary>
    public void AddFindings(List<MappingWarning> warnings, HashSet<string> unresolved, EndpointTally invalid, EndpointTally deduplicated)
    {
        foreach (var name in _withFindings)
        {
            var g = _groups[name];
            warnings.AddRange(g.Warnings);
            unresolved.UnionWith(g.Unresolved);
            invalid.Add(g.Invalid);
            deduplicated.Add(g.Deduplicated);
        }
    }

    private static bool InOrder(KubeObject[] contributors, Dictionary<KubeObject, int> positions)
    {
        var last = -1;
        foreach (var o in contributors)
        {
            if (!positions.TryGetValue(o, out var at) || at <= last)
            {
                return false;
            }

            last = at;
        }

        return true;
    }

    private static Group Build(Input input, Func<List<Endpoint>, List<Endpoint>> defaultTargets)
    {
        // The same steps, in the same order, as the full pass (KubernetesMapper.MapAll) over one name's endpoints.
        var merged = new List<Endpoint>();
        merged.AddRange(EndpointMerger.MergeEndpoints(EndpointMerger.MergeServiceEndpoints(input.Lists[0])));
        merged.AddRange(EndpointMerger.MergeEndpoints(input.Lists[1]));
        merged.AddRange(EndpointMerger.MergeEndpoints(input.Lists[2]));
        var warnings = new List<MappingWarning>();
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        var invalid = new EndpointTally();
        var deduplicated = new EndpointTally();
        var result = KubernetesMapper.Deduplicate(defaultTargets(merged), warnings, unresolved, invalid, deduplicated);
        result.Sort(KubernetesMapper.EndpointOrder);
        var findings = warnings.Count > 0 || unresolved.Count > 0 || invalid.Total > 0 || deduplicated.Total > 0;
        return new Group(result, input.Contributors.Count > 1 ? [.. input.Contributors] : null)
        {
            HasFindings = findings,
            Warnings = findings ? warnings : [],
            Unresolved = findings ? unresolved : [],
            Invalid = findings ? invalid : Empty,
            Deduplicated = findings ? deduplicated : Empty,
        };
    }

    private static readonly EndpointTally Empty = new();

    private sealed class Input
    {
        public List<Endpoint>[] Lists { get; } = [[], [], []];

        public List<KubeObject> Contributors { get; } = [];

        public KubeObject? Last { get; set; }
    }

    private sealed record Group(List<Endpoint> Endpoints, KubeObject[]? Contributors)
    {
        public bool HasFindings { get; init; }

        public List<MappingWarning> Warnings { get; init; } = [];

        public HashSet<string> Unresolved { get; init; } = [];

        public EndpointTally Invalid { get; init; } = Empty;

        public EndpointTally Deduplicated { get; init; } = Empty;
    }
}
