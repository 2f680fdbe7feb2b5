using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Tests.Http;

/// <summary>
/// Kestrel over HTTPS on 127.0.0.1 (port 0) with certificates made at start: a CA, a server certificate it signed
/// (SAN 127.0.0.1), a client certificate it signed, and a second, unrelated CA; all written as PEM files. The server
/// answers every request with the subject of the client certificate, or "anonymous".
/// </summary>
public sealed class TlsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _ca;

    private TlsTestServer(WebApplication app, X509Certificate2 ca, string directory, Uri baseAddress)
    {
        _app = app;
        _ca = ca;
        Directory = directory;
        BaseAddress = baseAddress;
    }

    public const string ClientSubject = "CN=externaldns-test-client";

    public string Directory { get; }

    public Uri BaseAddress { get; }

    public string CaFile => Path.Combine(Directory, "ca.pem");

    public string OtherCaFile => Path.Combine(Directory, "other-ca.pem");

    public string ClientCertFile => Path.Combine(Directory, "client.pem");

    public string ClientKeyFile => Path.Combine(Directory, "client-key.pem");

    /// <summary>Certificate and key in one file.</summary>
    public string ClientCombinedFile => Path.Combine(Directory, "client-combined.pem");

    /// <summary>A key that does not belong to the client certificate.</summary>
    public string WrongKeyFile => Path.Combine(Directory, "wrong-key.pem");

    public static async Task<TlsTestServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "externaldns-tls-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caWithKey = CreateCa("CN=externaldns-test-ca", caKey, now);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = CreateCa("CN=externaldns-other-ca", otherKey, now);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var serverSigned = Sign(serverRequest, caWithKey, now);
        using var serverWithKey = serverSigned.CopyWithPrivateKey(serverKey);
        var serverCertificate = X509CertificateLoader.LoadPkcs12(serverWithKey.Export(X509ContentType.Pkcs12), null);

        using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest(ClientSubject, clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var clientSigned = Sign(clientRequest, caWithKey, now);
        using var wrongKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var ca = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
        await File.WriteAllTextAsync(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "other-ca.pem"), other.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "client.pem"), clientSigned.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory, "client-key.pem"), clientKey.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(directory, "client-combined.pem"), clientSigned.ExportCertificatePem() + "\n" + clientKey.ExportPkcs8PrivateKeyPem());
        await File.WriteAllTextAsync(Path.Combine(directory, "wrong-key.pem"), wrongKey.ExportPkcs8PrivateKeyPem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (certificate, _, _) => ChainsTo(certificate, ca),
            }));
        });
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync(context.Connection.ClientCertificate?.Subject ?? "anonymous"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TlsTestServer(app, ca, directory, new Uri($"https://127.0.0.1:{new Uri(address).Port}/whoami"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _ca.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static X509Certificate2 CreateCa(string subject, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    private static X509Certificate2 Sign(CertificateRequest request, X509Certificate2 ca, DateTimeOffset now)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        return request.Create(ca, now.AddMinutes(-5), now.AddDays(1), serial);
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
