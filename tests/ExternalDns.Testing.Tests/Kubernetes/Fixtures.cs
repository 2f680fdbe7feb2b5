using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

internal static class Fixtures
{
    public static JsonObject Service(string name, string ns = "default", IDictionary<string, string>? labels = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["type"] = "ClusterIP", ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) },
        };
    }

    public static JsonObject DnsEndpoint(string name, string dnsName, string target, string ns = "default") => new()
    {
        ["apiVersion"] = "externaldns.k8s.io/v1alpha1",
        ["kind"] = "DNSEndpoint",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["endpoints"] = new JsonArray(new JsonObject { ["dnsName"] = dnsName, ["recordType"] = "A", ["targets"] = new JsonArray(target) }),
        },
    };

    public static StringContent Json(JsonNode node, string contentType = "application/json") =>
        new(node.ToJsonString(), Encoding.UTF8, contentType);

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (JsonObject)(await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public static string Rv(JsonObject obj) => KubeJson.GetString((JsonObject)obj["metadata"]!, "resourceVersion")!;

    public static IEnumerable<string> Names(JsonObject list) =>
        ((JsonArray)list["items"]!).Select(i => KubeJson.Name((JsonObject)i!));

    /// <summary>Asserts a Kubernetes Status body with the given code and reason.</summary>
    public static async Task AssertStatusAsync(HttpResponseMessage response, int code, string reason)
    {
        Assert.Equal(code, (int)response.StatusCode);
        var status = await ReadAsync(response);
        Assert.Equal("Status", KubeJson.GetString(status, "kind"));
        Assert.Equal("Failure", KubeJson.GetString(status, "status"));
        Assert.Equal(reason, KubeJson.GetString(status, "reason"));
        Assert.Equal(code, status["code"]!.GetValue<int>());
    }
}
