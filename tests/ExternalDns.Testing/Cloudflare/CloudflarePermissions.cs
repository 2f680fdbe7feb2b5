namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// The API token permissions the emulator checks (the "Accepted Permissions" of the API reference): zones need
/// Zone Read; DNS records and regional hostnames DNS Read (DNS Write for changes); custom hostnames SSL and
/// Certificates Read (Write for changes). A Global API key (X-Auth-Key) has them all.
/// </summary>
[Flags]
public enum CloudflarePermissions
{
    None = 0,
    ZoneRead = 1,
    DnsRead = 2,
    DnsWrite = 4,
    SslRead = 8,
    SslWrite = 16,

    /// <summary>Zone Read and DNS Edit: what ExternalDNS's documentation asks for.</summary>
    ZoneReadDnsEdit = ZoneRead | DnsRead | DnsWrite,

    All = ZoneRead | DnsRead | DnsWrite | SslRead | SslWrite,
}
