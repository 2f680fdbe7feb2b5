using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>, what <c>kubectl apply</c> sends for built-in
/// types), reduced to what the emulator needs: a JSON merge patch in which lists of objects with a known merge key
/// (<c>ports</c> by port, <c>containers</c>/<c>env</c>/<c>volumes</c> by name, <c>conditions</c> by type, …) are merged
/// element by element, <c>finalizers</c> are merged as a set, and the directives <c>$patch</c> (replace/delete),
/// <c>$deleteFromPrimitiveList/…</c>, <c>$retainKeys</c> and <c>$setElementOrder/…</c> are honoured or dropped.
/// Without the Go type schemas it cannot know every list's strategy; other lists are replaced.
/// </summary>
public static class StrategicMergePatch
{
    private static readonly Dictionary<string, string[]> MergeKeys = new(StringComparer.Ordinal)
    {
        ["ports"] = ["containerPort", "port"],
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["env"] = ["name"],
        ["volumes"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["imagePullSecrets"] = ["name"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["addresses"] = ["type"],
        ["hostAliases"] = ["ip"],
    };

    private static readonly HashSet<string> PrimitiveSetLists = new(StringComparer.Ordinal) { "finalizers" };

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var directive = KubeJson.GetString(patchObject, "$patch");
        if (directive == "delete")
        {
            return null;
        }

        var result = directive == "replace" ? new JsonObject() : target as JsonObject ?? new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (key == "$patch" || key.StartsWith("$setElementOrder/", StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var listName = key["$deleteFromPrimitiveList/".Length..];
                if (result[listName] is JsonArray list && value is JsonArray remove)
                {
                    foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            if (key == "$retainKeys")
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var existing = result[key];
            var merged = value is JsonArray patchArray && existing is JsonArray targetArray
                ? MergeList(key, targetArray, patchArray)
                : Apply(existing, value);
            if (merged is null)
            {
                result.Remove(key);
            }
            else if (!ReferenceEquals(merged, existing))
            {
                result[key] = merged;
            }
        }

        if (patchObject["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(KubeJson.Text).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(kv => kv.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string name, JsonArray target, JsonArray patch)
    {
        if (PrimitiveSetLists.Contains(name))
        {
            var union = (JsonArray)target.DeepClone();
            foreach (var item in patch.Where(p => !union.Any(u => JsonNode.DeepEquals(u, p))))
            {
                union.Add(item?.DeepClone());
            }

            return union;
        }

        var mergeKey = MergeKeys.TryGetValue(name, out var candidates)
            ? candidates.FirstOrDefault(k => patch.OfType<JsonObject>().Any(o => o.ContainsKey(k)))
            : null;
        if (mergeKey is null || patch.Any(p => p is not JsonObject))
        {
            return (JsonArray)patch.DeepClone();
        }

        if (patch.OfType<JsonObject>().Any(p => KubeJson.GetString(p, "$patch") == "replace"))
        {
            return new JsonArray(patch.OfType<JsonObject>().Where(p => p["$patch"] is null).Select(p => (JsonNode)p.DeepClone()).ToArray());
        }

        var result = (JsonArray)target.DeepClone();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var keyValue = element[mergeKey];
            var match = result.OfType<JsonObject>().FirstOrDefault(t => JsonNode.DeepEquals(t[mergeKey], keyValue));
            if (KubeJson.GetString(element, "$patch") == "delete")
            {
                if (match is not null)
                {
                    result.Remove(match);
                }

                continue;
            }

            if (match is null)
            {
                result.Add(Apply(null, element));
            }
            else
            {
                Apply(match, element);
            }
        }

        return result;
    }
}
