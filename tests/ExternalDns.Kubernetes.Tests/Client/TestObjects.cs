using System.Text.Json.Serialization;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>A stand-in model, as the source models will look: metadata plus a spec the informer trims away.</summary>
public sealed class TestService
{
    [JsonPropertyName("metadata")]
    public ExternalDns.Kubernetes.Client.KubeObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TestServiceSpec? Spec { get; set; }
}

public sealed class TestServiceSpec
{
    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; set; }

    [JsonPropertyName("bulk")]
    public string? Bulk { get; set; }

    [JsonPropertyName("port")]
    public int Port { get; set; }
}

/// <summary>The trimmed projection the informer keeps.</summary>
public sealed record TrimmedService(string Key, string? ClusterIP);

[JsonSerializable(typeof(TestService))]
public sealed partial class TestJsonContext : JsonSerializerContext
{
}

public static class Svc
{
    public static string Json(string ns, string name, string rv, string ip = "10.0.0.1", string bulk = "") =>
        $$$"""{"apiVersion":"v1","kind":"Service","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}","resourceVersion":"{{{rv}}}"},"spec":{"clusterIP":"{{{ip}}}","bulk":"{{{bulk}}}","port":80}}""";

    public static string List(string rv, string? next, params string[] items) =>
        $$"""{"kind":"ServiceList","apiVersion":"v1","metadata":{"resourceVersion":"{{rv}}"{{(next is null ? "" : $",\"continue\":\"{next}\"")}}},"items":[{{string.Join(",", items)}}]}""";

    public static string Bookmark(string rv) => $$$"""{"kind":"Service","apiVersion":"v1","metadata":{"resourceVersion":"{{{rv}}}"}}""";

    public static string GoneStatus => """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (100)","reason":"Expired","code":410}""";
}
