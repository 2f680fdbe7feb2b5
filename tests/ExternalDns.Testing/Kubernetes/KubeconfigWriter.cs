using System.Text;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>Writes a kubeconfig (one cluster with CA data, one token user, one current context).</summary>
public static class KubeconfigWriter
{
    public static string Render(Uri server, string caPem, string token, string? defaultNamespace = null, string name = "kube-emulator")
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(caPem);
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var sb = new StringBuilder();
        sb.Append("apiVersion: v1\nkind: Config\n");
        sb.Append("clusters:\n- name: ").Append(name).Append("\n  cluster:\n    server: ").Append(server.ToString().TrimEnd('/'))
            .Append("\n    certificate-authority-data: ").Append(ca).Append('\n');
        sb.Append("users:\n- name: ").Append(name).Append("\n  user:\n    token: ").Append(Quote(token)).Append('\n');
        sb.Append("contexts:\n- name: ").Append(name).Append("\n  context:\n    cluster: ").Append(name).Append("\n    user: ").Append(name).Append('\n');
        if (!string.IsNullOrEmpty(defaultNamespace))
        {
            sb.Append("    namespace: ").Append(defaultNamespace).Append('\n');
        }

        sb.Append("current-context: ").Append(name).Append("\npreferences: {}\n");
        return sb.ToString();
    }

    public static void Write(string path, Uri server, string caPem, string token, string? defaultNamespace = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Render(server, caPem, token, defaultNamespace));
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
