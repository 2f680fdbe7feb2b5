using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// One change in the store's history (<see cref="OldObject"/> is the state before a MODIFIED), or one event queued
/// for a watch stream (<c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>, <c>BOOKMARK</c>, <c>ERROR</c>).
/// </summary>
public sealed record KubeWatchEvent(string Type, KubeResourceType? ResourceType, JsonObject Object, JsonObject? OldObject, long ResourceVersion)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";

    /// <summary>The wire form: <c>{"type":…,"object":…}</c>.</summary>
    public JsonObject ToWire(JsonNode? objectOverride = null) =>
        new() { ["type"] = Type, ["object"] = objectOverride ?? Object.DeepClone() };
}
