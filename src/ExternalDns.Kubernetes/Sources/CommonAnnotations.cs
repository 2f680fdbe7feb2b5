using ExternalDns.Core.Endpoints;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>The annotations every source reads the same way: ttl, target, set-identifier, alias and provider-specific ones.</summary>
internal sealed class CommonAnnotations
{
    private const int MaxSetIdentifierLength = 128;

    private CommonAnnotations(long ttl, List<string>? targets, List<ProviderSpecificProperty> providerSpecific, string setIdentifier, bool usable)
    {
        Ttl = ttl;
        Targets = targets;
        ProviderSpecific = providerSpecific;
        SetIdentifier = setIdentifier;
        IsUsable = usable;
    }

    /// <summary>The TTL; 0 when unset or invalid (upstream falls back to the provider's default).</summary>
    public long Ttl { get; }

    /// <summary>The valid targets of the <c>target</c> annotation; null when the annotation is absent or empty.</summary>
    public List<string>? Targets { get; }

    public List<ProviderSpecificProperty> ProviderSpecific { get; }

    public string SetIdentifier { get; }

    /// <summary>
    /// False when an annotation that decides every record of the object is unusable (an invalid set-identifier, a
    /// target annotation without one valid target): the object then produces no endpoints and is unresolved.
    /// </summary>
    public bool IsUsable { get; }

    /// <param name="reader">The annotation reader.</param>
    /// <param name="annotations">The object's annotations.</param>
    /// <param name="scope">Collects warnings.</param>
    /// <param name="readTargets">False for sources that take targets from elsewhere (Gateway API routes read the Gateway's).</param>
    public static CommonAnnotations Read(AnnotationReader reader, IReadOnlyDictionary<string, string> annotations, MappingScope scope, bool readTargets = true)
    {
        var ttl = ReadTtl(reader, annotations, scope);
        var usable = true;
        var targets = readTargets ? ReadTargets(reader, annotations, scope, out usable) : null;

        if (reader.TryGet(annotations, AnnotationReader.Alias, out var aliasValue, out var aliasKey) && aliasValue is not ("true" or "false"))
        {
            scope.Warn($"annotation {aliasKey} value \"{aliasValue}\" is not \"true\" or \"false\"; no alias is requested", aliasKey, aliasValue);
        }

        var setIdentifier = string.Empty;
        if (reader.TryGet(annotations, AnnotationReader.SetIdentifier, out var setValue, out var setKey))
        {
            if (setValue.Length == 0)
            {
                scope.Warn($"annotation {setKey} is empty; no set identifier is used", setKey, setValue);
            }
            else if (setValue.Length > MaxSetIdentifierLength || setValue.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                scope.Unresolved($"annotation {setKey} value \"{setValue}\" is not a valid set identifier (1-{MaxSetIdentifierLength} characters without spaces)", setKey, setValue);
                usable = false;
            }
            else
            {
                setIdentifier = setValue;
            }
        }

        return new CommonAnnotations(ttl, targets, reader.ProviderSpecific(annotations), setIdentifier, usable);
    }

    /// <summary>The <c>ttl</c> annotation in seconds; 0 (with a warning) when invalid, 0 when absent.</summary>
    public static long ReadTtl(AnnotationReader reader, IReadOnlyDictionary<string, string> annotations, MappingScope scope)
    {
        if (!reader.TryGet(annotations, AnnotationReader.Ttl, out var ttlValue, out var ttlKey))
        {
            return 0;
        }

        var parsed = AnnotationReader.ParseTtl(ttlValue, out var error);
        if (parsed is null)
        {
            scope.Warn($"annotation {ttlKey} value \"{ttlValue}\" {error}; the default TTL is used", ttlKey, ttlValue);
            return 0;
        }

        return parsed.Value;
    }

    /// <summary>
    /// The valid targets of the <c>target</c> annotation; null when it is absent or empty. When it has no valid target
    /// the object is marked unresolved and <paramref name="usable"/> is false.
    /// </summary>
    public static List<string>? ReadTargets(AnnotationReader reader, IReadOnlyDictionary<string, string> annotations, MappingScope scope, out bool usable)
    {
        usable = true;
        if (!reader.TryGet(annotations, AnnotationReader.Target, out var targetValue, out var targetKey) || targetValue.Length == 0)
        {
            return null;
        }

        var targets = scope.ValidTargets(AnnotationReader.SplitList(targetValue), $"annotation {targetKey} target", targetKey);
        if (targets.Count == 0)
        {
            scope.Unresolved($"annotation {targetKey} value \"{targetValue}\" has no valid target", targetKey, targetValue);
            usable = false;
        }

        return targets;
    }

    /// <summary>
    /// Upstream's <c>EndpointsForHostname</c>: one endpoint per record type (A, AAAA, CNAME, in that order) with the
    /// targets of that type, the TTL, provider-specific properties, set identifier and <c>resource</c> label.
    /// </summary>
    public List<Endpoint> ForHostname(string hostname, IReadOnlyList<string> targets, string resource) =>
        EndpointsForHostname(hostname, targets, Ttl, ProviderSpecific, SetIdentifier, resource);

    public static List<Endpoint> EndpointsForHostname(string hostname, IReadOnlyList<string> targets, long ttl, IReadOnlyList<ProviderSpecificProperty> providerSpecific, string setIdentifier, string? resource)
    {
        var result = new List<Endpoint>();
        foreach (var type in (string[])[RecordTypes.A, RecordTypes.AAAA, RecordTypes.CNAME])
        {
            var ofType = targets.Where(t => RecordTypes.ForTarget(t) == type).ToList();
            if (ofType.Count == 0)
            {
                continue;
            }

            var ep = new Endpoint(hostname, type, ttl, ofType) { SetIdentifier = setIdentifier };
            ep.AddProviderSpecific(providerSpecific);

            if (!string.IsNullOrEmpty(resource))
            {
                ep.Labels[Labels.ResourceKey] = resource;
            }

            result.Add(ep);
        }

        return result;
    }
}
