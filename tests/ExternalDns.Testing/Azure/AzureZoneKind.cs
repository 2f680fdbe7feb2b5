namespace ExternalDns.Testing.Azure;

/// <summary>Which ARM resource provider type a zone belongs to.</summary>
public enum AzureZoneKind
{
    /// <summary><c>Microsoft.Network/dnsZones</c>, api-version 2018-05-01.</summary>
    Public,

    /// <summary><c>Microsoft.Network/privateDnsZones</c>, api-version 2024-06-01.</summary>
    Private,
}
