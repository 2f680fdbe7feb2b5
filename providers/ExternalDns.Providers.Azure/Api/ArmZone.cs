namespace ExternalDns.Providers.Azure.Api;

/// <summary>A zone resource (only the fields the provider reads).</summary>
internal sealed class ArmZone
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}
