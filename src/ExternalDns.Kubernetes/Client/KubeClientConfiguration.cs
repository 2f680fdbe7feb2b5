using System.Security.Cryptography.X509Certificates;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// A resolved connection: server, TLS trust, client identity and credentials. Built by <see cref="KubeConfigLoader"/>
/// from a kubeconfig or the in-cluster environment, or directly (tests, emulators).
/// </summary>
public sealed class KubeClientConfiguration
{
    public required Uri Server { get; init; }

    /// <summary>The namespace of the context (or of the in-cluster service account); <c>default</c> when none is set.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>Where this came from, for messages: "kubeconfig /a/config, context 'kind'" or "in-cluster service account".</summary>
    public string Source { get; init; } = "explicit configuration";

    public string? ContextName { get; init; }

    public string? ClusterName { get; init; }

    public string? UserName { get; init; }

    /// <summary>Custom trust roots (certificate-authority[-data], in-cluster ca.crt). Null = the system's trust store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>Name to check the server certificate against instead of the server URL's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>Static client certificate (client-certificate[-data] + client-key[-data]).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Bearer/basic/exec credentials; null = anonymous (or client certificate only).</summary>
    public KubeCredentialProvider? Credentials { get; init; }

    public bool IsInCluster { get; init; }

    public override string ToString() => $"{Source} → {Server}";
}
