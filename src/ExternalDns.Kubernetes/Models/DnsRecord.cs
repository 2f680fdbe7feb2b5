namespace ExternalDns.Kubernetes.Models;

/// <summary>
/// An externaldns.k8s.io/v1alpha1 DNSRecord: the CRD registry's ownership record for one DNS record (upstream's
/// apis/v1alpha1 DNSRecord). The record identity is in the object name, the owner in the
/// <c>externaldns.k8s.io/owner</c> label, the endpoint in <c>spec.endpoint</c>, the lifecycle in the <c>Ready</c> condition.
/// </summary>
public sealed class DnsRecord : KubeObject
{
    public DnsRecordSpec Spec { get; set => field = value ?? new(); } = new();

    public DnsRecordStatus Status { get; set => field = value ?? new(); } = new();
}

public sealed class DnsRecordSpec
{
    public EndpointSpec Endpoint { get; set => field = value ?? new(); } = new();
}

public sealed class DnsRecordStatus
{
    public List<DnsRecordCondition>? Conditions { get; set; }
}

/// <summary>A metav1.Condition as the DNSRecord status carries it (all required fields of the CRD schema).</summary>
public sealed class DnsRecordCondition
{
    public string? Type { get; set; }

    public string? Status { get; set; }

    public long? ObservedGeneration { get; set; }

    public string? LastTransitionTime { get; set; }

    public string? Reason { get; set; }

    public string? Message { get; set; }
}
