using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ExternalDns.Core.Providers.Http;

/// <summary>Turns the TLS settings of <see cref="ProviderHttpOptions"/> into client TLS options; file problems are configuration errors naming the file.</summary>
public static class ProviderTls
{
    public static SslClientAuthenticationOptions ClientOptions(ProviderHttpOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (options.SkipTlsVerify)
        {
#pragma warning disable CA5359 // The user asked for it (--…-skip-tls-verify); a warning is logged.
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (!string.IsNullOrEmpty(options.CaFile))
        {
            var authorities = LoadAuthorities(options);
            var policy = new X509ChainPolicy
            {
                // As Go's tls.Config.RootCAs: the file's certificates replace the system's; revocation is not checked.
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            policy.CustomTrustStore.AddRange(authorities);
            policy.ExtraStore.AddRange(authorities);
            ssl.CertificateChainPolicy = policy;
        }

        if (!string.IsNullOrEmpty(options.ClientCertFile))
        {
            ssl.ClientCertificates = [LoadClientCertificate(options)];
        }
        else if (!string.IsNullOrEmpty(options.ClientKeyFile))
        {
            throw new ProviderConfigurationException(
                $"{options.Provider}: a client key file ('{options.ClientKeyFile}', --tls-client-cert-key) needs its certificate file (--tls-client-cert)");
        }

        return ssl;
    }

    private static X509Certificate2Collection LoadAuthorities(ProviderHttpOptions options)
    {
        var path = options.CaFile!;
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ProviderConfigurationException($"{options.Provider}: cannot read the CA file '{path}' (--tls-ca): {e.Message}", e);
        }

        if (authorities.Count == 0)
        {
            throw new ProviderConfigurationException($"{options.Provider}: the CA file '{path}' (--tls-ca) contains no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }

        return authorities;
    }

    private static X509Certificate2 LoadClientCertificate(ProviderHttpOptions options)
    {
        var certPath = options.ClientCertFile!;
        var keyPath = string.IsNullOrEmpty(options.ClientKeyFile) ? null : options.ClientKeyFile;
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            var which = keyPath is null
                ? $"the client certificate '{certPath}' (--tls-client-cert) with its key in the same file (or give the key with --tls-client-cert-key)"
                : $"the client certificate '{certPath}' (--tls-client-cert) and its key '{keyPath}' (--tls-client-cert-key)";
            throw new ProviderConfigurationException($"{options.Provider}: cannot load {which}: {e.Message} (PEM, key unencrypted)", e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ProviderConfigurationException($"{options.Provider}: the client certificate '{certPath}' (--tls-client-cert) has no private key: give it with --tls-client-cert-key");
        }

        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use an ephemeral key for client authentication: give it a persisted copy.
            using (certificate)
            {
                return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            }
        }

        return certificate;
    }
}
