namespace ExternalDns.Providers.Azure.Api;

/// <summary>A page of zones.</summary>
internal sealed class ArmZoneList
{
    public List<ArmZone>? Value { get; set; }

    public string? NextLink { get; set; }
}
