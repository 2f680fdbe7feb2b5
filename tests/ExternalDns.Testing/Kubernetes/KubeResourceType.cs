using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// A resource the emulator serves (one entry of discovery). Objects of every type live in the same generic store,
/// so adding a type is one <see cref="KubeResourceType"/> in <see cref="KubeResourceCatalog"/>.
/// </summary>
public sealed record KubeResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string Singular { get; init; } = Kind.ToLowerInvariant();

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The type has a <c>/status</c> subresource: the main resource ignores status changes and
    /// <c>/status</c> changes only the status (as the real API server's strategies do).</summary>
    public bool HasStatus { get; init; }

    /// <summary>Create keeps a status given in the body (nodes); otherwise create drops it.</summary>
    public bool StatusSettableOnCreate { get; init; }

    /// <summary><c>metadata.generation</c> is maintained: 1 on create, bumped on a change outside metadata and status.</summary>
    public bool HasGeneration { get; init; }

    /// <summary>A custom resource (CRD): list items carry kind/apiVersion and PUT requires <c>metadata.resourceVersion</c>.</summary>
    public bool IsCustom { get; init; }

    /// <summary>Extra columns for table output, after NAME and before AGE.</summary>
    public IReadOnlyList<KubeTableColumn> Columns { get; init; } = [];

    /// <summary>Server-side defaulting applied on create through the API (not on objects put by the test).</summary>
    public Action<JsonObject>? Defaulter { get; init; }

    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public string ListKind => Kind + "List";

    /// <summary><c>plural</c> for the core group, <c>plural.group</c> otherwise (as <c>kubectl get</c> accepts).</summary>
    public string Key => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>The collection path, with <c>{namespace}</c> for namespaced types.</summary>
    public string CollectionPath(string? ns) =>
        (Group.Length == 0 ? "/api/v1" : $"/apis/{Group}/{Version}")
        + (Namespaced && !string.IsNullOrEmpty(ns) ? $"/namespaces/{ns}/{Plural}" : "/" + Plural);
}
