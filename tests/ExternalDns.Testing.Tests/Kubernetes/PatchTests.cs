using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

public sealed class PatchTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":2}}""", """{"b":{"c":null,"d":3},"e":[1]}""", """{"a":1,"b":{"d":3},"e":[1]}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":1}""", """{"a":null}""", """{}""")]
    public void Merge_patch(string target, string patch, string expected) =>
        AssertJson(expected, JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch)));

    [Theory]
    [InlineData("""{"ports":[{"port":80,"protocol":"TCP"}]}""", """{"ports":[{"port":443}]}""", """{"ports":[{"port":80,"protocol":"TCP"},{"port":443}]}""")]
    [InlineData("""{"ports":[{"port":80,"protocol":"TCP"}]}""", """{"ports":[{"port":80,"name":"http"}]}""", """{"ports":[{"port":80,"protocol":"TCP","name":"http"}]}""")]
    [InlineData("""{"ports":[{"port":80},{"port":81}]}""", """{"ports":[{"port":80,"$patch":"delete"}]}""", """{"ports":[{"port":81}]}""")]
    [InlineData("""{"finalizers":["a"]}""", """{"finalizers":["b"]}""", """{"finalizers":["a","b"]}""")]
    [InlineData("""{"finalizers":["a","b"]}""", """{"$deleteFromPrimitiveList/finalizers":["a"]}""", """{"finalizers":["b"]}""")]
    [InlineData("""{"rules":[{"host":"a"}]}""", """{"rules":[{"host":"b"}]}""", """{"rules":[{"host":"b"}]}""")]
    [InlineData("""{"spec":{"x":1,"y":2}}""", """{"spec":{"$patch":"replace","z":3}}""", """{"spec":{"z":3}}""")]
    public void Strategic_merge_patch(string target, string patch, string expected) =>
        AssertJson(expected, StrategicMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch)));

    [Fact]
    public void Json_patch_applies_operations_in_order_and_a_failed_test_is_422()
    {
        var result = JsonPatch.Apply(JsonNode.Parse("""{"a":[1,2],"b":{"c":"x"}}"""), (JsonArray)JsonNode.Parse("""
            [{"op":"add","path":"/a/-","value":3},{"op":"remove","path":"/a/0"},{"op":"move","from":"/b/c","path":"/d"},
             {"op":"copy","from":"/d","path":"/b/e~1f"},{"op":"test","path":"/d","value":"x"}]
            """)!);
        AssertJson("""{"a":[2,3],"b":{"e/f":"x"},"d":"x"}""", result);

        var error = Assert.Throws<KubeApiException>(() => JsonPatch.Apply(JsonNode.Parse("{}"), (JsonArray)JsonNode.Parse("""[{"op":"test","path":"/a","value":1}]""")!));
        Assert.Equal(422, error.Code);
    }

    [Theory]
    [InlineData("a=b,", "trailing comma")]
    [InlineData("a in (b", "unclosed set")]
    [InlineData("a b", "missing operator")]
    [InlineData("-a=b", "invalid key")]
    public void Malformed_label_selectors_throw_400(string selector, string because)
    {
        var error = Assert.Throws<KubeApiException>(() => LabelSelector.Parse(selector));
        Assert.True(error.Code == 400, because);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");
}
