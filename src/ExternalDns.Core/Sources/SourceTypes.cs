namespace ExternalDns.Core.Sources;

/// <summary>
/// The <c>--source</c> name an endpoint came from, read from its <c>resource</c> label (<c>service/ns/name</c> →
/// <c>service</c>, <c>httproute/ns/name</c> → <c>gateway-httproute</c>, …): the <c>source_type</c> label of the source
/// metrics, as upstream sets it from the endpoint's object reference. <c>unknown</c> when the endpoint has no resource
/// label (pod records, as upstream writes them, and endpoints of foreign sources), as upstream without a reference.
/// </summary>
public static class SourceTypes
{
    public const string Unknown = "unknown";

    private static readonly Dictionary<string, string> ByLabelKind = new(StringComparer.Ordinal)
    {
        ["service"] = "service",
        ["ingress"] = "ingress",
        ["crd"] = "crd",
        ["node"] = "node",
        ["pod"] = "pod",
        ["httproute"] = "gateway-httproute",
        ["grpcroute"] = "gateway-grpcroute",
        ["tlsroute"] = "gateway-tlsroute",
        ["tcproute"] = "gateway-tcproute",
        ["udproute"] = "gateway-udproute",
        ["ingressroute"] = "traefik-proxy",
        ["ingressroutetcp"] = "traefik-proxy",
        ["ingressrouteudp"] = "traefik-proxy",
        ["gateway"] = "istio-gateway",
        ["virtualservice"] = "istio-virtualservice",
        ["HTTPProxy"] = "contour-httpproxy",
    };

    /// <summary>The source name for a <c>resource</c> label value (null or empty: <see cref="Unknown"/>).</summary>
    public static string FromResource(string? resource)
    {
        if (string.IsNullOrEmpty(resource))
        {
            return Unknown;
        }

        var slash = resource.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? resource : resource[..slash];
        return ByLabelKind.GetValueOrDefault(kind, Unknown);
    }
}
