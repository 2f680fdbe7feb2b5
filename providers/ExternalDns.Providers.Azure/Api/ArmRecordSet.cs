namespace ExternalDns.Providers.Azure.Api;

/// <summary>A record set resource as listed (public and private zones; names are read case-insensitively).</summary>
internal sealed class ArmRecordSet
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public string? Etag { get; set; }

    public ArmRecordSetProperties? Properties { get; set; }
}
