namespace ExternalDns.Testing.Servers;

/// <summary>Optional listeners and zones of a <see cref="BindServer"/> (tests/servers/bind/README.md).</summary>
public sealed class BindServerOptions
{
    /// <summary>With a certificate (PEM) and its key: also serve DNS over TLS on <see cref="BindServer.TlsPort"/>.</summary>
    public string? TlsCertificatePem { get; init; }

    public string? TlsKeyPem { get; init; }

    /// <summary>With DNS over TLS: require client certificates signed by this CA (PEM; BIND's <c>ca-file</c>).</summary>
    public string? TlsClientCaPem { get; init; }

    /// <summary>GSS-TSIG: BIND's <c>tkey-gssapi-keytab</c>; adds the zone example.com, updatable by <see cref="GssPrincipal"/>.</summary>
    public string? GssKeytab { get; init; }

    /// <summary>The Kerberos principal (user@REALM) allowed to update example.com.</summary>
    public string? GssPrincipal { get; init; }

    /// <summary>The krb5.conf of the realm (KRB5_CONFIG of named).</summary>
    public string? Krb5Config { get; init; }
}
