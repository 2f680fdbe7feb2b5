namespace ExternalDns.Core.Endpoints;

/// <summary>
/// One DNS record set that ExternalDns wants, or that a provider holds: upstream's <c>Endpoint</c>.
/// A record TTL of 0 means "not configured" (the provider's default applies).
/// </summary>
public sealed class Endpoint
{
    private Targets _targets;

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

    public List<ProviderSpecificProperty> ProviderSpecific { get; private set; } = [];

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
        foreach (var p in ProviderSpecific)
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
        for (var i = 0; i < ProviderSpecific.Count; i++)
        {
            if (ProviderSpecific[i].Name == name)
            {
                ProviderSpecific[i] = new ProviderSpecificProperty(name, value);
                return;
            }
        }

        ProviderSpecific.Add(new ProviderSpecificProperty(name, value));
    }

    public bool RemoveProviderSpecific(string name) => ProviderSpecific.RemoveAll(p => p.Name == name) > 0;

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
        copy.ProviderSpecific = [.. ProviderSpecific];
        return copy;
    }

    public override string ToString()
    {
        var ttl = RecordTtl > 0 ? $" {RecordTtl}" : string.Empty;
        var set = SetIdentifier.Length > 0 ? $" [{SetIdentifier}]" : string.Empty;
        return $"{DnsName}{ttl} IN {RecordType}{set} {Targets}";
    }
}
