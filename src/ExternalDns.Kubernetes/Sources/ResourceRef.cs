namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Names a Kubernetes object in warnings and in the <c>resource</c> label: <see cref="Kind"/> is the API kind
/// (<c>Service</c>, <c>Ingress</c>, <c>DNSEndpoint</c>, <c>Node</c>, …); <see cref="ResourceLabel"/> is upstream's
/// <c>service/ns/name</c>, <c>ingress/ns/name</c> or <c>crd/ns/name</c>, and <c>node/name</c> for cluster-scoped
/// objects (an empty <see cref="Namespace"/>); other kinds are lower-cased (<c>httproute</c>, <c>ingressroutetcp</c>,
/// <c>gateway</c> for Istio Gateways, <c>virtualservice</c>) except <c>HTTPProxy</c>, which upstream writes as is.
/// </summary>
public sealed record ResourceRef(string Kind, string Namespace, string Name)
{
    /// <summary>The value of the endpoint's <c>resource</c> label (upstream spelling: DNSEndpoint becomes <c>crd</c>).</summary>
    public string ResourceLabel => Namespace.Length == 0 ? $"{LabelKind(Kind)}/{Name}" : $"{LabelKind(Kind)}/{Namespace}/{Name}";

    public static string LabelKind(string kind) => kind switch
    {
        "Service" => "service",
        "Ingress" => "ingress",
        "DNSEndpoint" => "crd",
        "Node" => "node",
        "HTTPProxy" => "HTTPProxy",
        _ => kind.ToLowerInvariant(),
    };

    public override string ToString() => ResourceLabel;
}
