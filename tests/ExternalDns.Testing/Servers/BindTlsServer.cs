using ExternalDns.Testing.Tls;

namespace ExternalDns.Testing.Servers;

/// <summary>
/// A <see cref="BindServer"/> that also serves DNS over TLS (RFC 7858) on <see cref="BindServer.TlsPort"/>, with a
/// certificate for 127.0.0.1 issued by a CA made for the test (<see cref="CaFile"/>, PEM). Use as an xunit fixture.
/// </summary>
public sealed class BindTlsServer : IDisposable
{
    public BindTlsServer()
        : this(requireClientCertificate: false)
    {
    }

    internal BindTlsServer(bool requireClientCertificate)
    {
        Authority = new LocalCertificateAuthority("ExternalDns test DNS CA");
        ClientAuthority = new LocalCertificateAuthority("ExternalDns test client CA");
        var server = Authority.IssueServer("127.0.0.1");
        Bind = new BindServer(new BindServerOptions
        {
            TlsCertificatePem = server.CertificatePem,
            TlsKeyPem = server.KeyPem,
            TlsClientCaPem = requireClientCertificate ? ClientAuthority.CertificatePem : null,
        });
        Files = Path.Combine(Bind.WorkDirectory, "client");
        Directory.CreateDirectory(Files);
        CaFile = Authority.WriteCertificate(Files);
        (ClientCertFile, ClientKeyFile) = ClientAuthority.IssueClient("externaldns").Write(Files, "client");
        using var stranger = new LocalCertificateAuthority("Some other CA");
        OtherCaFile = stranger.WriteCertificate(Files, "other-ca.crt");
    }

    public BindServer Bind { get; }

    /// <summary>The CA that signed the server's certificate.</summary>
    public LocalCertificateAuthority Authority { get; }

    /// <summary>The CA of client certificates (required by a <see cref="BindMutualTlsServer"/>).</summary>
    public LocalCertificateAuthority ClientAuthority { get; }

    /// <summary>A directory for the test's own files.</summary>
    public string Files { get; }

    /// <summary>PEM file of <see cref="Authority"/> (for --tls-ca).</summary>
    public string CaFile { get; }

    /// <summary>PEM file of a CA that did not sign the server's certificate.</summary>
    public string OtherCaFile { get; }

    /// <summary>A client certificate and its key issued by <see cref="ClientAuthority"/> (PEM files).</summary>
    public string ClientCertFile { get; }

    public string ClientKeyFile { get; }

    public void Dispose()
    {
        Bind.Dispose();
        Authority.Dispose();
        ClientAuthority.Dispose();
    }
}
