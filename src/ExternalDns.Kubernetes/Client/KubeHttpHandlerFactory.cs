using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace ExternalDns.Kubernetes.Client;

/// <summary>Builds the real <see cref="SocketsHttpHandler"/> for a configuration: trust roots, server name, client certificate.</summary>
public static class KubeHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubeClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            UseProxy = true,
        };

        var ssl = handler.SslOptions;
        if (configuration.InsecureSkipTlsVerify)
        {
#pragma warning disable CA5359 // The user asked for it with insecure-skip-tls-verify.
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (configuration.CertificateAuthorities is not null || configuration.TlsServerName is not null)
        {
            var roots = configuration.CertificateAuthorities;
            var serverName = configuration.TlsServerName;
            ssl.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                Validate(certificate, chain, errors, roots, serverName);
        }

        var credentials = configuration.Credentials;
        if (credentials is not null && credentials.SuppliesClientCertificate)
        {
            var fallback = configuration.ClientCertificate;
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => credentials.Current?.ClientCertificate ?? fallback!;
        }
        else if (configuration.ClientCertificate is not null)
        {
            ssl.ClientCertificates = [configuration.ClientCertificate];
        }

        return handler;
    }

    internal static bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors,
        X509Certificate2Collection? roots, string? serverName)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        bool chainOk;
        if (roots is null)
        {
            chainOk = (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0;
        }
        else
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (presented is not null)
            {
                foreach (var element in presented.ChainElements.Skip(1))
                {
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
                }
            }

            chainOk = chain.Build(leaf);
        }

        var nameOk = serverName is null
            ? (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            : leaf.MatchesHostname(serverName);
        return chainOk && nameOk;
    }
}
