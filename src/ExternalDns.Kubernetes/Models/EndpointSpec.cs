namespace ExternalDns.Kubernetes.Models;

/// <summary>One entry of <c>spec.endpoints</c>, in upstream's Endpoint JSON shape.</summary>
public sealed class EndpointSpec
{
    public string? DnsName { get; set; }

    public List<string>? Targets { get; set; }

    public string? RecordType { get; set; }

    public string? SetIdentifier { get; set; }

    [System.Text.Json.Serialization.JsonPropertyName("recordTTL")]
    public long RecordTtl { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public List<ProviderSpecificEntry>? ProviderSpecific { get; set; }
}
