using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Azure;

/// <summary>One stored record set: canonical items (see <see cref="AzureRecordTypes"/>), TTL, metadata and etag.</summary>
internal sealed class AzureRecordSetState
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    public long Ttl { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = new(StringComparer.Ordinal);

    public List<JsonObject> Items { get; set; } = [];

    public string Etag { get; set; } = NewEtag();

    public static string NewEtag() => Guid.NewGuid().ToString();

    public static string Key(string name, string type) => name.ToLowerInvariant() + "\u0001" + type;
}
