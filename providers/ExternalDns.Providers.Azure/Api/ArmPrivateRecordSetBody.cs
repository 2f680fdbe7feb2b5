using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>The body of a PUT to a private zone.</summary>
internal sealed class ArmPrivateRecordSetBody
{
    [JsonPropertyName("properties")]
    public ArmPrivateRecordSetProperties? Properties { get; set; }
}
