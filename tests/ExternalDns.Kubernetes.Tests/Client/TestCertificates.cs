using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>Self-signed certificates with PEM keys in the formats kubeconfigs carry.</summary>
public static class TestCertificates
{
    public static (string CertPem, string KeyPem) Rsa(bool pkcs8 = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=test-user", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (cert.ExportCertificatePem(), pkcs8 ? key.ExportPkcs8PrivateKeyPem() : key.ExportRSAPrivateKeyPem());
    }

    public static (string CertPem, string KeyPem) Ec(bool pkcs8 = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test-ec-user", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (cert.ExportCertificatePem(), pkcs8 ? key.ExportPkcs8PrivateKeyPem() : key.ExportECPrivateKeyPem());
    }

    public static string CaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return cert.ExportCertificatePem();
    }

    public static string B64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
