using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ExternalDns.Kubernetes.Client;

/// <summary>PEM helpers: CA bundles and client certificate + key pairs (RSA or EC; PKCS#1, SEC1 or PKCS#8).</summary>
internal static class PemCertificates
{
    public static X509Certificate2Collection LoadBundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        if (collection.Count == 0)
        {
            throw new CryptographicException("no PEM certificate found");
        }

        return collection;
    }

    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem)
    {
        using var ephemeral = X509Certificate2.CreateFromPem(certificatePem, keyPem);

        // Round-trip through PKCS#12 so that the private key is usable by SslStream on every platform.
        var pfx = ephemeral.Export(X509ContentType.Pkcs12);
        try
        {
            return X509CertificateLoader.LoadPkcs12(pfx, null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }
    }
}
