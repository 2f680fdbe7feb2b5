using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>
/// Record set properties. Public zones (2018-05-01) name them <c>TTL</c>, <c>ARecords</c>, <c>CNAMERecord</c>, …;
/// private zones (2024-06-01) <c>ttl</c>, <c>aRecords</c>, <c>cnameRecord</c>, …. Reading is case-insensitive, so one
/// class reads both; <see cref="ArmJsonContext"/> writes this class with the public names and
/// <see cref="ArmPrivateRecordSetProperties"/> with the private ones.
/// </summary>
internal sealed class ArmRecordSetProperties
{
    [JsonPropertyName("metadata")]
    public Dictionary<string, string?>? Metadata { get; set; }

    [JsonPropertyName("TTL")]
    public long? Ttl { get; set; }

    [JsonPropertyName("ARecords")]
    public List<ArmRecordData>? ARecords { get; set; }

    [JsonPropertyName("AAAARecords")]
    public List<ArmRecordData>? AaaaRecords { get; set; }

    [JsonPropertyName("CNAMERecord")]
    public ArmRecordData? CnameRecord { get; set; }

    [JsonPropertyName("MXRecords")]
    public List<ArmRecordData>? MxRecords { get; set; }

    [JsonPropertyName("NSRecords")]
    public List<ArmRecordData>? NsRecords { get; set; }

    [JsonPropertyName("SRVRecords")]
    public List<ArmRecordData>? SrvRecords { get; set; }

    [JsonPropertyName("TXTRecords")]
    public List<ArmRecordData>? TxtRecords { get; set; }

    [JsonPropertyName("PTRRecords")]
    public List<ArmRecordData>? PtrRecords { get; set; }
}
