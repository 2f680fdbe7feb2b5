using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>The discovery documents: <c>/version</c>, <c>/api</c> (APIVersions), <c>/api/v1</c> and
/// <c>/apis/{group}/{version}</c> (APIResourceList), <c>/apis</c> (APIGroupList), <c>/apis/{group}</c> (APIGroup).</summary>
public static class KubeDiscovery
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    public static JsonObject Version(string gitVersion)
    {
        ArgumentNullException.ThrowIfNull(gitVersion);
        var parts = gitVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = parts[0],
            ["minor"] = parts.Length > 1 ? parts[1] : "0",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "0000000000000000000000000000000000000000",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2024-12-11T00:00:00Z",
            ["goVersion"] = "go1.23.3",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject ApiGroupList(IEnumerable<KubeResourceType> types)
    {
        var groups = new JsonArray();
        foreach (var group in Groups(types))
        {
            groups.Add(group);
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? ApiGroup(IEnumerable<KubeResourceType> types, string group)
    {
        var found = Groups(types.Where(t => t.Group == group)).FirstOrDefault();
        if (found is null)
        {
            return null;
        }

        found["kind"] = "APIGroup";
        found["apiVersion"] = "v1";
        return found;
    }

    public static JsonObject? ApiResourceList(IEnumerable<KubeResourceType> types, string groupVersion)
    {
        var selected = types.Where(t => t.GroupVersion == groupVersion).ToList();
        if (selected.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in selected)
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = new JsonArray(type.ShortNames.Select(v => (JsonNode)v).ToArray());
            }

            if (type.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray(type.Categories.Select(v => (JsonNode)v).ToArray());
            }

            resources.Add(resource);
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray(StatusVerbs.Select(v => (JsonNode)v).ToArray()),
                });
            }
        }

        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = resources };
    }

    private static IEnumerable<JsonObject> Groups(IEnumerable<KubeResourceType> types) =>
        types.Where(t => t.Group.Length > 0)
            .GroupBy(t => t.Group)
            .Select(g =>
            {
                var versions = g.Select(t => t.Version).Distinct().ToList();
                var versionArray = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = g.Key + "/" + v, ["version"] = v }).ToArray());
                return new JsonObject
                {
                    ["name"] = g.Key,
                    ["versions"] = versionArray,
                    ["preferredVersion"] = new JsonObject { ["groupVersion"] = g.Key + "/" + versions[0], ["version"] = versions[0] },
                };
            });
}
