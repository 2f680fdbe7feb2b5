namespace ExternalDns.Providers.Azure;

/// <summary>A DNS zone as ARM lists it: its resource id, name and resource group (taken from the id).</summary>
public sealed record AzureZone(string Id, string Name, string ResourceGroup);
