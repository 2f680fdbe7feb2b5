using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace ExternalDns.Kubernetes.Client;

/// <summary>What one request authenticates with: an Authorization header and/or a TLS client certificate.</summary>
public sealed class KubeCredential
{
    public static readonly KubeCredential None = new(null, null, null);

    public KubeCredential(AuthenticationHeaderValue? authorization, X509Certificate2? clientCertificate, DateTimeOffset? expiresAt)
    {
        Authorization = authorization;
        ClientCertificate = clientCertificate;
        ExpiresAt = expiresAt;
    }

    public AuthenticationHeaderValue? Authorization { get; }

    public X509Certificate2? ClientCertificate { get; }

    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Never shows the secret.</summary>
    public override string ToString() =>
        $"KubeCredential(scheme={Authorization?.Scheme ?? "none"}, clientCertificate={(ClientCertificate is null ? "no" : "yes")})";
}
