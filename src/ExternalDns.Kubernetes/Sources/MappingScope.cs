using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>Collects the endpoints, warnings and the resolved flag while one object is mapped.</summary>
internal sealed class MappingScope(ResourceRef obj)
{
    // Targets are shared between the endpoints of one mapping only up to this many endpoints (the search is quadratic).
    private const int MaxEndpointsToShare = 16;

    private readonly List<MappingWarning> _warnings = [];
    private readonly List<MappingWarning> _notices = [];
    private readonly List<string> _invalidRecordTypes = [];

    public ResourceRef Object { get; } = obj;

    public string Resource { get; } = obj.ResourceLabel;

    public bool IsResolved { get; private set; } = true;

    public void Warn(string message, string? annotation = null, string? value = null)
    {
        var warning = new MappingWarning(Object, message, annotation, value);
        if (!_warnings.Contains(warning))
        {
            _warnings.Add(warning);
        }
    }

    /// <summary>
    /// Records why an object publishes nothing although nothing is wrong with it (an IngressRoute without a target
    /// annotation): logged once at Information, no Kubernetes Event.
    /// </summary>
    public void Note(string message)
    {
        var notice = new MappingWarning(Object, message);
        if (!_notices.Contains(notice))
        {
            _notices.Add(notice);
        }
    }

    /// <summary>Records a warning and marks the object unresolved: the planner keeps the records it owns.</summary>
    public void Unresolved(string message, string? annotation = null, string? value = null)
    {
        Warn(message + "; its existing records are kept", annotation, value);
        IsResolved = false;
    }

    /// <summary>
    /// Counts an endpoint dropped because its record data does not fit its (known) record type, where upstream's dedup
    /// stage would have counted it in <c>external_dns_source_invalid_endpoints</c>. Call beside <see cref="Unresolved"/>.
    /// </summary>
    public void Invalid(string recordType) => _invalidRecordTypes.Add(recordType);

    /// <summary>
    /// The mapping, in exactly sized arrays and with the shared empty array for an empty list: the mapping memo keeps
    /// one per object (a list with spare capacity, or a copy of an empty list, is tens of bytes per object at 20,000).
    /// </summary>
    public ObjectMapping Result(IReadOnlyList<Endpoint> endpoints) =>
        new(Object, ShareTargets(Compact(endpoints)), Compact(_warnings), IsResolved) { Notices = Compact(_notices), InvalidRecordTypes = Compact(_invalidRecordTypes) };

    /// <summary>
    /// Endpoints of this object with the same targets (an Ingress host named by a rule and by a TLS entry) get one
    /// (immutable) <see cref="Targets"/> instance. The endpoints were made by this mapping, nothing else holds them yet.
    /// </summary>
    private static Endpoint[] ShareTargets(Endpoint[] endpoints)
    {
        if (endpoints.Length > MaxEndpointsToShare)
        {
            return endpoints;
        }

        for (var i = 1; i < endpoints.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var a = endpoints[j].Targets;
                var b = endpoints[i].Targets;
                if (!ReferenceEquals(a, b) && a.Count == b.Count && a.SequenceEqual(b, StringComparer.Ordinal))
                {
                    endpoints[i].Targets = a;
                    break;
                }
            }
        }

        return endpoints;
    }

    private static T[] Compact<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            return [];
        }

        if (items is T[] array)
        {
            return array;
        }

        var copy = new T[items.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i];
        }

        return copy;
    }

    /// <summary>
    /// Drops names that are not valid DNS names (with a warning) and a trailing dot. A dropped name can never
    /// have been written to DNS, so dropping it cannot delete an existing record: the object stays resolved.
    /// </summary>
    public List<string> ValidHostnames(IEnumerable<string> names, string source, string? annotation = null)
    {
        var result = new List<string>();
        foreach (var raw in names)
        {
            var name = raw.EndsWith('.') ? raw[..^1] : raw;
            if (DnsNames.Validate(name) is { } reason)
            {
                Warn($"{source} \"{raw}\" is not a valid DNS name ({reason}); it is ignored", annotation, annotation is null ? null : raw);
                continue;
            }

            result.Add(name);
        }

        return result;
    }

    /// <summary>
    /// Drops targets that are neither an IP address nor a host name (with a warning); empty ones silently (not yet
    /// assigned). Returns the valid targets without a trailing dot.
    /// </summary>
    public List<string> ValidTargets(IEnumerable<string?> targets, string source, string? annotation = null)
    {
        var result = new List<string>();
        foreach (var raw in targets)
        {
            if (string.IsNullOrEmpty(raw))
            {
                continue;
            }

            if (TargetChecks.Validate(raw) is { } reason)
            {
                Warn($"{source} \"{raw}\" {reason}; it is ignored", annotation, annotation is null ? null : raw);
                continue;
            }

            result.Add(raw.EndsWith('.') ? raw[..^1] : raw);
        }

        return result;
    }
}
