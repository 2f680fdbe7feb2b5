using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>Record set properties with the Private DNS API's (2024-06-01) camel-case names, for writing.</summary>
internal sealed class ArmPrivateRecordSetProperties
{
    [JsonPropertyName("metadata")]
    public Dictionary<string, string?>? Metadata { get; set; }

    [JsonPropertyName("ttl")]
    public long? Ttl { get; set; }

    [JsonPropertyName("aRecords")]
    public List<ArmRecordData>? ARecords { get; set; }

    [JsonPropertyName("aaaaRecords")]
    public List<ArmRecordData>? AaaaRecords { get; set; }

    [JsonPropertyName("cnameRecord")]
    public ArmRecordData? CnameRecord { get; set; }

    [JsonPropertyName("mxRecords")]
    public List<ArmRecordData>? MxRecords { get; set; }

    [JsonPropertyName("srvRecords")]
    public List<ArmRecordData>? SrvRecords { get; set; }

    [JsonPropertyName("txtRecords")]
    public List<ArmRecordData>? TxtRecords { get; set; }

    [JsonPropertyName("ptrRecords")]
    public List<ArmRecordData>? PtrRecords { get; set; }
}
