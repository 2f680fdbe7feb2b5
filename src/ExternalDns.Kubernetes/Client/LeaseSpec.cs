using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Client;

/// <summary><c>Lease.spec</c>: the leader election record.</summary>
public sealed class LeaseSpec
{
    [JsonPropertyName("holderIdentity")]
    public string? HolderIdentity { get; set; }

    [JsonPropertyName("leaseDurationSeconds")]
    public int? LeaseDurationSeconds { get; set; }

    [JsonPropertyName("acquireTime")]
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    [JsonPropertyName("renewTime")]
    [JsonConverter(typeof(KubeMicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    [JsonPropertyName("leaseTransitions")]
    public int? LeaseTransitions { get; set; }

    public LeaseSpec Clone() => (LeaseSpec)MemberwiseClone();
}
