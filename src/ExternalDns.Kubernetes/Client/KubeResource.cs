using System.Text;

namespace ExternalDns.Kubernetes.Client;

/// <summary>Where a kind of object lives in the API: group, version, plural resource name, and whether it is namespaced.</summary>
/// <param name="Group">API group; empty for the core group (<c>/api/v1</c>).</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Plural resource name, e.g. <c>services</c>.</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
public sealed record KubeResource(string Group, string Version, string Plural, bool Namespaced)
{
    public static readonly KubeResource Leases = new("coordination.k8s.io", "v1", "leases", true);
    public static readonly KubeResource Events = new("", "v1", "events", true);
    public static readonly KubeResource Services = new("", "v1", "services", true);
    public static readonly KubeResource Pods = new("", "v1", "pods", true);
    public static readonly KubeResource Nodes = new("", "v1", "nodes", false);
    public static readonly KubeResource Namespaces = new("", "v1", "namespaces", false);
    public static readonly KubeResource EndpointSlices = new("discovery.k8s.io", "v1", "endpointslices", true);
    public static readonly KubeResource Ingresses = new("networking.k8s.io", "v1", "ingresses", true);

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>
    /// The request path: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> or the <c>/apis/{group}</c> form.
    /// A null or empty namespace on a namespaced resource means all namespaces (list/watch only).
    /// </summary>
    public string Path(string? ns = null, string? name = null, string? subresource = null)
    {
        var sb = new StringBuilder();
        sb.Append(Group.Length == 0 ? "/api/" : "/apis/" + Uri.EscapeDataString(Group) + "/");
        sb.Append(Uri.EscapeDataString(Version));
        if (Namespaced && !string.IsNullOrEmpty(ns))
        {
            sb.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }
        else if (Namespaced && !string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"{Plural} are namespaced: a namespace is required to address '{name}'", nameof(ns));
        }

        sb.Append('/').Append(Uri.EscapeDataString(Plural));
        if (!string.IsNullOrEmpty(name))
        {
            sb.Append('/').Append(Uri.EscapeDataString(name));
            if (!string.IsNullOrEmpty(subresource))
            {
                sb.Append('/').Append(Uri.EscapeDataString(subresource));
            }
        }

        return sb.ToString();
    }

    public override string ToString() => Group.Length == 0 ? Plural : Plural + "." + Group;
}
