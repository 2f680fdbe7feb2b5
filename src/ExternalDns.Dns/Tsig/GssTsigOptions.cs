using System.Net;

namespace ExternalDns.Dns.Tsig;

/// <summary>
/// GSS-TSIG (RFC 3645) credentials: a Kerberos user, its password and realm. A security context is negotiated with the
/// server by TKEY for each operation and its MIC tokens sign the messages. Kerberos runs through the system's GSS-API
/// library (MIT: libgssapi-krb5-2), which finds the KDC through krb5.conf (<c>KRB5_CONFIG</c>).
/// </summary>
public sealed class GssTsigOptions
{
    /// <summary>The user, password and realm (the realm in <see cref="NetworkCredential.Domain"/>). Never logged.</summary>
    public required NetworkCredential Credential { get; init; }

    /// <summary>The server's service principal; null = <c>DNS/&lt;host&gt;</c> (as upstream and nsupdate -g).</summary>
    public string? TargetName { get; init; }

    /// <summary>The GSS-API package: <c>Negotiate</c> (SPNEGO, RFC 3645's recommendation; what Windows DNS expects) or <c>Kerberos</c>.</summary>
    public string Package { get; init; } = "Negotiate";

    /// <summary>The lifetime asked for in the TKEY query.</summary>
    public TimeSpan KeyLifetime { get; init; } = TimeSpan.FromHours(1);
}
