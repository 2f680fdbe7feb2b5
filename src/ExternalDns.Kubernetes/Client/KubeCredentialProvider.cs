using System.Net.Http.Headers;
using System.Text;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Supplies the credential of each request. Implementations for static tokens, token files (re-read on change),
/// basic auth and exec plugins are built by <see cref="KubeConfigLoader"/>.
/// </summary>
public abstract class KubeCredentialProvider
{
    /// <summary>Names the credential for error messages (for example "user 'dev' of context 'kind' in /home/a/.kube/config"); never the secret.</summary>
    public abstract string Description { get; }

    /// <summary>Whether <see cref="GetCredentialAsync"/> may return a client certificate that changes over time (exec plugins).</summary>
    public virtual bool SuppliesClientCertificate => false;

    public abstract ValueTask<KubeCredential> GetCredentialAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called when the server answered 401 to a request made with <paramref name="used"/>. Returns true when a fresh
    /// credential may differ (a re-read token file, a re-run exec plugin), so that retrying once is worthwhile.
    /// </summary>
    public virtual bool Invalidate(KubeCredential used) => false;

    /// <summary>The client certificate last handed out, for the TLS handshake (only when <see cref="SuppliesClientCertificate"/>).</summary>
    public virtual KubeCredential? Current => null;

    /// <summary>A fixed bearer token.</summary>
    public static KubeCredentialProvider FromToken(string token, string description)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new StaticCredentialProvider(new KubeCredential(new AuthenticationHeaderValue("Bearer", token), null, null), description);
    }

    /// <summary>HTTP basic authentication.</summary>
    public static KubeCredentialProvider FromBasic(string username, string password, string description)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password));
        return new StaticCredentialProvider(new KubeCredential(new AuthenticationHeaderValue("Basic", value), null, null), description);
    }

    private sealed class StaticCredentialProvider(KubeCredential credential, string description) : KubeCredentialProvider
    {
        public override string Description => description;

        public override ValueTask<KubeCredential> GetCredentialAsync(CancellationToken cancellationToken) => ValueTask.FromResult(credential);
    }
}
