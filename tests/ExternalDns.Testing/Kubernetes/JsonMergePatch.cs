using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>JSON merge patch (RFC 7386, <c>application/merge-patch+json</c>).</summary>
public static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/>, changing it in place where it is an
    /// object; returns the result.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var existing = result[key];
            var merged = Apply(existing, value);
            if (!ReferenceEquals(merged, existing))
            {
                result[key] = merged;
            }
        }

        return result;
    }
}
