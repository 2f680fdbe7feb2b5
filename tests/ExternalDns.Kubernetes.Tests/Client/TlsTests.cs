using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ExternalDns.Kubernetes.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>The real SocketsHttpHandler against a Kestrel HTTPS stub on 127.0.0.1: custom CA, tls-server-name, client certificates.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _server;
    private WebApplication? _app;
    private int _port;

    public TlsTests()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=tls-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        _ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=api.internal", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("api.internal");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(_ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3, 4]);
        _server = X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = _server,
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        _app = builder.Build();
        _app.MapGet("/api/v1/namespaces/{ns}/services/{name}", (HttpContext context, string ns, string name) =>
            Results.Text(
                $$$"""{"metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"spec":{"clusterIP":"{{{context.Connection.ClientCertificate?.Subject ?? "none"}}}"}}""",
                "application/json"));
        await _app.StartAsync();
        _port = new Uri(_app.Urls.First()).Port;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<string?> GetAsync(KubeClientConfiguration config)
    {
        using var client = new KubeApiClient(config, new KubeClientOptions { Qps = 0, MaxRetries = 0 });
        var svc = await client.GetAsync(KubeResource.Services, "ns", "x", TestJsonContext.Default.TestService);
        return svc!.Spec!.ClusterIP;
    }

    private Uri Server => new($"https://127.0.0.1:{_port}");

    [Fact]
    public async Task Custom_ca_with_tls_server_name_is_trusted()
    {
        var subject = await GetAsync(new KubeClientConfiguration { Server = Server, CertificateAuthorities = [_ca], TlsServerName = "api.internal" });
        Assert.Equal("none", subject);
    }

    [Fact]
    public async Task Custom_ca_without_matching_name_is_refused()
    {
        var e = await Assert.ThrowsAsync<KubeApiException>(() => GetAsync(new KubeClientConfiguration { Server = Server, CertificateAuthorities = [_ca] }));
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task Unknown_ca_is_refused_and_wrong_server_name_too()
    {
        await Assert.ThrowsAsync<KubeApiException>(() => GetAsync(new KubeClientConfiguration { Server = Server, TlsServerName = "api.internal" }));
        using var otherKey = ECDsa.Create();
        using var other = new CertificateRequest("CN=other-ca", otherKey, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await Assert.ThrowsAsync<KubeApiException>(() => GetAsync(new KubeClientConfiguration { Server = Server, CertificateAuthorities = [other], TlsServerName = "api.internal" }));
        await Assert.ThrowsAsync<KubeApiException>(() => GetAsync(new KubeClientConfiguration { Server = Server, CertificateAuthorities = [_ca], TlsServerName = "wrong.internal" }));
    }

    [Fact]
    public async Task Insecure_skip_verify_accepts_anything()
    {
        Assert.Equal("none", await GetAsync(new KubeClientConfiguration { Server = Server, InsecureSkipTlsVerify = true }));
    }

    [Fact]
    public async Task Client_certificate_is_presented()
    {
        var (cert, key) = TestCertificates.Rsa();
        using var dir = new TempDir();
        var path = dir.Write("config", $"""
            current-context: c
            clusters:
            - name: k
              cluster:
                server: {Server}
                certificate-authority-data: {TestCertificates.B64(_ca.ExportCertificatePem())}
                tls-server-name: api.internal
            contexts:
            - name: c
              context: {"{"}cluster: k, user: u{"}"}
            users:
            - name: u
              user:
                client-certificate-data: {TestCertificates.B64(cert)}
                client-key-data: {TestCertificates.B64(key)}
            """);
        var config = new KubeConfigLoader().Load(new KubeClientOptions { KubeConfig = path });
        Assert.Equal("CN=test-user", await GetAsync(config));
    }
}
