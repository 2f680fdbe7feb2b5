namespace ExternalDns.Core.Endpoints;

/// <summary>
/// One DNS record set that ExternalDns wants, or that a provider holds: upstream's <c>Endpoint</c>.
/// A record TTL of 0 means "not configured" (the provider's default applies).
/// </summary>
public sealed class Endpoint
{
    private Targets _targets;

    // Null until a property is set: most endpoints never carry one, and one empty list per endpoint is 32 bytes for
    // every endpoint the mapping memo keeps and every copy a reconcile makes.
    private List<ProviderSpecificProperty>? _providerSpecific;

    /// <summary>
    /// Creates an endpoint as upstream's <c>NewEndpointWithTTL</c>: a trailing dot is removed from the name, and
    /// from each target except for TXT, NAPTR and SRV record data.
    /// </summary>
    public Endpoint(string dnsName, string recordType, long ttl, IEnumerable<string> targets)
    {
        ArgumentNullException.ThrowIfNull(dnsName);
        ArgumentNullException.ThrowIfNull(recordType);
        ArgumentNullException.ThrowIfNull(targets);
        DnsName = dnsName.EndsWith('.') ? dnsName[..^1] : dnsName;
        RecordType = recordType;
        RecordTtl = ttl;
        var keepDots = recordType is RecordTypes.TXT or RecordTypes.NAPTR or RecordTypes.SRV;
        _targets = new Targets(keepDots ? targets : targets.Select(t => t.EndsWith('.') ? t[..^1] : t));
    }

    public Endpoint(string dnsName, string recordType, params string[] targets)
        : this(dnsName, recordType, 0, targets)
    {
    }

    public string DnsName { get; set; }

    public Targets Targets
    {
        get => _targets;
        set => _targets = value ?? throw new ArgumentNullException(nameof(value));
    }

    public string RecordType { get; set; }

    public string SetIdentifier { get; set; } = string.Empty;

    /// <summary>TTL in seconds; 0 when not configured.</summary>
    public long RecordTtl { get; set; }

    public Labels Labels { get; private set; } = [];

    /// <summary>The provider-specific properties, modifiable in place (the list is made on first access).</summary>
    public List<ProviderSpecificProperty> ProviderSpecific => _providerSpecific ??= [];

    /// <summary>The provider-specific properties to read: as <see cref="ProviderSpecific"/>, without making an empty list.</summary>
    public IReadOnlyList<ProviderSpecificProperty> ProviderSpecificProperties => _providerSpecific ?? (IReadOnlyList<ProviderSpecificProperty>)[];

    public EndpointKey Key => new(DnsName, RecordType, SetIdentifier);

    public bool IsTtlConfigured => RecordTtl > 0;

    public Endpoint WithSetIdentifier(string setIdentifier)
    {
        SetIdentifier = setIdentifier ?? string.Empty;
        return this;
    }

    public Endpoint WithLabel(string key, string value)
    {
        Labels[key] = value;
        return this;
    }

    /// <summary>Sets (replacing any existing value) a provider-specific property.</summary>
    public Endpoint WithProviderSpecific(string name, string value)
    {
        SetProviderSpecific(name, value);
        return this;
    }

    public string? GetProviderSpecific(string name)
    {
        if (_providerSpecific is null)
        {
            return null;
        }

        foreach (var p in _providerSpecific)
        {
            if (p.Name == name)
            {
                return p.Value;
            }
        }

        return null;
    }

    public void SetProviderSpecific(string name, string value)
    {
        var list = ProviderSpecific;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Name == name)
            {
                list[i] = new ProviderSpecificProperty(name, value);
                return;
            }
        }

        list.Add(new ProviderSpecificProperty(name, value));
    }

    /// <summary>Appends <paramref name="properties"/> (no list is made when there are none).</summary>
    public void AddProviderSpecific(IReadOnlyCollection<ProviderSpecificProperty> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (properties.Count > 0)
        {
            ProviderSpecific.AddRange(properties);
        }
    }

    public bool RemoveProviderSpecific(string name) => _providerSpecific is not null && _providerSpecific.RemoveAll(p => p.Name == name) > 0;

    /// <summary>
    /// Takes the given labels over (no copy) when this endpoint has none and nobody else took them yet; otherwise copies
    /// them in. For the TXT registry's read path, where a copy per record is measurable garbage at 100k records.
    /// </summary>
    internal void AdoptLabels(Labels labels)
    {
        if (Labels.Count == 0 && !labels.Adopted)
        {
            labels.Adopted = true;
            Labels = labels;
            return;
        }

        foreach (var (k, v) in labels)
        {
            Labels[k] = v;
        }
    }

    /// <summary>A deep copy: labels and provider-specific properties are copied, targets are immutable.</summary>
    public Endpoint Clone()
    {
        var copy = (Endpoint)MemberwiseClone();
        copy.Labels = new Labels(Labels);
        copy._providerSpecific = _providerSpecific is { Count: > 0 } ? [.. _providerSpecific] : null;
        return copy;
    }

    public override string ToString()
    {
        var ttl = RecordTtl > 0 ? $" {RecordTtl}" : string.Empty;
        var set = SetIdentifier.Length > 0 ? $" [{SetIdentifier}]" : string.Empty;
        return $"{DnsName}{ttl} IN {RecordType}{set} {Targets}";
    }
}
