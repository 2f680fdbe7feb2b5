namespace ExternalDns.Testing.Azure;

/// <summary>
/// A snapshot of one record set held by the emulator. <see cref="Values"/> are in presentation form: A/AAAA the
/// address, CNAME/NS/PTR the host, MX <c>"10 mail.example.com"</c>, SRV <c>"10 5 443 target"</c>, TXT the strings of
/// each record concatenated, CAA <c>"0 issue ca.example"</c>.
/// </summary>
public sealed record AzureRecordSet(
    AzureZoneKind Kind,
    string ResourceGroup,
    string Zone,
    string Name,
    string Type,
    long Ttl,
    string Etag,
    IReadOnlyList<string> Values,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The record set's DNS name without the trailing dot (<c>@</c> is the zone apex).</summary>
    public string Fqdn => Name == "@" ? Zone : $"{Name}.{Zone}";
}
