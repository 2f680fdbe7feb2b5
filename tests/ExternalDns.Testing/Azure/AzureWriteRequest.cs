namespace ExternalDns.Testing.Azure;

/// <summary>A record set write as seen by <see cref="AzureDnsFaults.RejectWrites"/>: PUT or DELETE of
/// <see cref="Name"/> (relative, <c>@</c> for the apex) and <see cref="Type"/> in <see cref="Zone"/>.</summary>
public sealed record AzureWriteRequest(AzureZoneKind Kind, string Zone, string Name, string Type, string Method)
{
    public string Fqdn => Name == "@" ? Zone : $"{Name}.{Zone}";
}
