using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ExternalDns.Testing.Tls;

/// <summary>
/// A certificate authority made in the test (ECDSA P-256, valid for a day): issues server certificates for 127.0.0.1
/// and client certificates, and writes PEM files, as a user's own CA would. Nothing is added to any trust store.
/// </summary>
public sealed class LocalCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    public LocalCertificateAuthority(string name = "ExternalDns test CA")
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Issues a server certificate for the IP addresses and DNS names given (subject alternative names).</summary>
    public IssuedCertificate IssueServer(params string[] names) => Issue(names[0], names, new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") });

    /// <summary>Issues a client certificate (extended key usage: client authentication).</summary>
    public IssuedCertificate IssueClient(string commonName) => Issue(commonName, [], new OidCollection { new Oid("1.3.6.1.5.5.7.3.2") });

    /// <summary>Writes the CA certificate as PEM into <paramref name="directory"/> and returns the path.</summary>
    public string WriteCertificate(string directory, string fileName = "ca.crt")
    {
        var path = Path.Combine(directory, fileName);
        File.WriteAllText(path, CertificatePem);
        return path;
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private IssuedCertificate Issue(string commonName, string[] names, OidCollection usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        if (names.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in names)
            {
                if (IPAddress.TryParse(name, out var address))
                {
                    san.AddIpAddress(address);
                }
                else
                {
                    san.AddDnsName(name);
                }
            }

            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(Certificate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        return new IssuedCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
