using System.Text.Json.Serialization;

namespace ExternalDns.Providers.Azure.Api;

/// <summary>One record of any type: the fields of ARecord, AaaaRecord, CnameRecord, MxRecord, NsRecord, SrvRecord,
/// TxtRecord and PtrRecord (the same in both APIs); unset fields are not written.</summary>
internal sealed class ArmRecordData
{
    [JsonPropertyName("ipv4Address")]
    public string? Ipv4Address { get; set; }

    [JsonPropertyName("ipv6Address")]
    public string? Ipv6Address { get; set; }

    [JsonPropertyName("cname")]
    public string? Cname { get; set; }

    [JsonPropertyName("preference")]
    public int? Preference { get; set; }

    [JsonPropertyName("exchange")]
    public string? Exchange { get; set; }

    [JsonPropertyName("nsdname")]
    public string? Nsdname { get; set; }

    [JsonPropertyName("ptrdname")]
    public string? Ptrdname { get; set; }

    [JsonPropertyName("priority")]
    public int? Priority { get; set; }

    [JsonPropertyName("weight")]
    public int? Weight { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    [JsonPropertyName("target")]
    public string? Target { get; set; }

    [JsonPropertyName("value")]
    public List<string>? Value { get; set; }
}
