using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>The body of a PUT to a public zone.</summary>
internal sealed class ArmPublicRecordSetBody
{
    [JsonPropertyName("properties")]
    public ArmRecordSetProperties? Properties { get; set; }
}
