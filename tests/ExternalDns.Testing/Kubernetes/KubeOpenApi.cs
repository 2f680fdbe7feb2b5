using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// A minimal OpenAPI v3 (<c>/openapi/v3</c> and <c>/openapi/v3/{api/v1|apis/group/version}</c>), enough for kubectl:
/// <c>kubectl apply/create</c> validate with <c>--validate=strict</c> by default and look here for PATCH operations
/// (tagged with <c>x-kubernetes-group-version-kind</c>) that accept the <c>fieldValidation</c> query parameter; when
/// found they leave validation to the server instead of downloading full schemas. No schemas are published, so
/// kubectl computes strategic merge patches from its compiled-in types (and JSON merge patches for custom resources).
/// The emulator accepts <c>fieldValidation</c> but does not reject unknown fields.
/// </summary>
public static class KubeOpenApi
{
    public static JsonObject Root(IReadOnlyList<KubeResourceType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var paths = new JsonObject();
        foreach (var groupVersion in types.Select(t => t.GroupVersion).Distinct())
        {
            var path = DocumentPath(groupVersion);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(GroupVersion(types, groupVersion)!.ToJsonString())));
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for one group-version (<c>v1</c>, <c>networking.k8s.io/v1</c>), or null.</summary>
    public static JsonObject? GroupVersion(IReadOnlyList<KubeResourceType> types, string groupVersion)
    {
        ArgumentNullException.ThrowIfNull(types);
        var selected = types.Where(t => t.GroupVersion == groupVersion).ToList();
        if (selected.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var type in selected)
        {
            var collection = type.CollectionPath(type.Namespaced ? "{namespace}" : null);
            paths[collection + "/{name}"] = new JsonObject { ["patch"] = PatchOperation(type) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "unversioned" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    /// <summary>Maps <c>api/v1</c> or <c>apis/{group}/{version}</c> (the part after <c>/openapi/v3/</c>) to a group-version.</summary>
    public static string? ParseDocumentPath(string path) => path.Split('/') switch
    {
        ["api", var version] => version,
        ["apis", var group, var version] => group + "/" + version,
        _ => null,
    };

    private static string DocumentPath(string groupVersion) => groupVersion.Contains('/', StringComparison.Ordinal) ? "apis/" + groupVersion : "api/" + groupVersion;

    private static JsonObject PatchOperation(KubeResourceType type)
    {
        var parameters = new JsonArray();
        foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation", "force" })
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string" } });
        }

        return new JsonObject
        {
            ["operationId"] = "patch" + type.Kind,
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
        };
    }
}
