namespace ExternalDns.Testing.Tls;

/// <summary>A certificate issued by <see cref="LocalCertificateAuthority"/>, as PEM text (certificate, unencrypted PKCS#8 key).</summary>
public sealed record IssuedCertificate(string CertificatePem, string KeyPem)
{
    /// <summary>Writes <c>NAME.crt</c> and <c>NAME.key</c> into <paramref name="directory"/>; returns both paths.</summary>
    public (string Certificate, string Key) Write(string directory, string name)
    {
        var certificate = Path.Combine(directory, name + ".crt");
        var key = Path.Combine(directory, name + ".key");
        File.WriteAllText(certificate, CertificatePem);
        File.WriteAllText(key, KeyPem);
        return (certificate, key);
    }
}
