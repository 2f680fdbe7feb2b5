using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Models;

/// <summary>
/// Source-generated System.Text.Json metadata for the Kubernetes models. Property names are the API's camelCase
/// spellings (<c>clusterIP</c>, <c>externalIPs</c>, <c>hostIP</c>); unknown fields are ignored, so the same models
/// read API JSON, list/watch payloads and YAML manifests converted to JSON.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ObjectHeader))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Ingress))]
[JsonSerializable(typeof(DnsEndpoint))]
[JsonSerializable(typeof(DnsRecord))]
[JsonSerializable(typeof(Node))]
[JsonSerializable(typeof(EndpointSlice))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(KubeNamespace))]
[JsonSerializable(typeof(Gateway))]
[JsonSerializable(typeof(ListenerSet))]
[JsonSerializable(typeof(GatewayRoute))]
[JsonSerializable(typeof(TraefikIngressRoute))]
[JsonSerializable(typeof(IstioGateway))]
[JsonSerializable(typeof(VirtualService))]
[JsonSerializable(typeof(HttpProxy))]
[JsonSerializable(typeof(List<Service>))]
[JsonSerializable(typeof(List<Ingress>))]
[JsonSerializable(typeof(List<DnsEndpoint>))]
[JsonSerializable(typeof(List<Node>))]
[JsonSerializable(typeof(List<EndpointSlice>))]
[JsonSerializable(typeof(List<Pod>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext
{
}
