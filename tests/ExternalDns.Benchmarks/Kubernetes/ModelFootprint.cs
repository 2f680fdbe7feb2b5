using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// In-process diagnostic: the managed heap that the decoded objects take, i.e. what the live source's informer caches
/// hold (their projection is the identity: the whole <see cref="Service"/> / <see cref="Ingress"/> model). Decodes the
/// list JSON with the source-generated <see cref="KubernetesJsonContext"/>, as the client does, and measures
/// <see cref="GC.GetTotalMemory(bool)"/> (full collection) before and after with the models alive.
/// </summary>
internal static class ModelFootprint
{
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <returns>Bytes retained by the models; characters of all last-applied-configuration annotation values.</returns>
    public static (long Bytes, long LastAppliedChars) Measure(byte[] servicesList, byte[] ingressesList)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var services = Decode(servicesList, KubernetesJsonContext.Default.Service);
        var ingresses = Decode(ingressesList, KubernetesJsonContext.Default.Ingress);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var chars = services.Concat<KubeObject>(ingresses).Sum(o => o.Annotations.TryGetValue(LastApplied, out var v) ? (long)v.Length : 0);
        GC.KeepAlive(services);
        GC.KeepAlive(ingresses);
        return (after - before, chars);
    }

    /// <summary>
    /// Streams the <c>items</c> of a list straight into models with a <see cref="Utf8JsonReader"/>: no
    /// <see cref="JsonDocument"/>, whose pooled buffers would stay in <c>ArrayPool.Shared</c> and count as live heap.
    /// </summary>
    private static List<T> Decode<T>(byte[] list, JsonTypeInfo<T> typeInfo)
    {
        var reader = new Utf8JsonReader(list);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                var items = new List<T>();
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    items.Add(JsonSerializer.Deserialize(ref reader, typeInfo)!);
                }

                return items;
            }
        }

        throw new InvalidOperationException("the list has no items");
    }
}
