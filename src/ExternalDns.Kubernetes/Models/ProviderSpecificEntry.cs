namespace ExternalDns.Kubernetes.Models;

public sealed class ProviderSpecificEntry
{
    public string? Name { get; set; }

    public string? Value { get; set; }
}
