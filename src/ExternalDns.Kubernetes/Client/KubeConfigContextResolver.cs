using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Resolves one context of a merged kubeconfig into a <see cref="KubeClientConfiguration"/>: the context, its cluster
/// (server, certificate authority, TLS settings) and its user (through <see cref="KubeConfigCredentials"/>).
/// </summary>
internal static class KubeConfigContextResolver
{
    /// <summary>Resolves <paramref name="contextOverride"/> (or the current context); <paramref name="fileList"/> names the files in messages.</summary>
    public static KubeClientConfiguration Resolve(
        MergedKubeConfig merged, string fileList, string? contextOverride, string? serverOverride, TimeProvider timeProvider, TimeSpan execTimeout)
    {
        var contextName = string.IsNullOrWhiteSpace(contextOverride) ? merged.CurrentContext : contextOverride.Trim();
        if (string.IsNullOrEmpty(contextName))
        {
            if (!string.IsNullOrWhiteSpace(serverOverride) && merged.Contexts.Count == 0)
            {
                return new KubeClientConfiguration { Server = KubeConfigMaterial.ParseServer(serverOverride, "--server"), Source = "--server" };
            }

            throw new KubeConfigException($"kubeconfig {fileList}: current-context is not set" + Known(" contexts", merged.Contexts.Keys));
        }

        if (!merged.Contexts.TryGetValue(contextName, out var context))
        {
            throw new KubeConfigException($"kubeconfig {fileList}: context '{contextName}' is not defined" + Known(" contexts", merged.Contexts.Keys));
        }

        var where = $"context '{contextName}' in {context.File}";
        var clusterName = context.Get("cluster");
        if (string.IsNullOrEmpty(clusterName))
        {
            throw new KubeConfigException($"{where} names no cluster");
        }

        if (!merged.Clusters.TryGetValue(clusterName, out var cluster))
        {
            throw new KubeConfigException($"{where} refers to cluster '{clusterName}', which is not defined in {fileList}" + Known(" clusters", merged.Clusters.Keys));
        }

        KubeConfigEntry? user = null;
        var userName = context.Get("user");
        if (!string.IsNullOrEmpty(userName) && !merged.Users.TryGetValue(userName, out user))
        {
            throw new KubeConfigException($"{where} refers to user '{userName}', which is not defined in {fileList}" + Known(" users", merged.Users.Keys));
        }

        var clusterWhere = $"cluster '{clusterName}' in {cluster.File}";
        Uri server;
        if (!string.IsNullOrWhiteSpace(serverOverride))
        {
            server = KubeConfigMaterial.ParseServer(serverOverride, "--server");
        }
        else
        {
            var s = cluster.Get("server");
            if (string.IsNullOrWhiteSpace(s))
            {
                throw new KubeConfigException($"{clusterWhere} has no server");
            }

            server = KubeConfigMaterial.ParseServer(s, clusterWhere + " server");
        }

        var insecure = cluster.GetBool("insecure-skip-tls-verify");
        X509Certificate2Collection? ca = null;
        var caData = cluster.Get("certificate-authority-data");
        var caFile = cluster.Get("certificate-authority");
        if (!string.IsNullOrEmpty(caData))
        {
            ca = KubeConfigMaterial.LoadBundle(KubeConfigMaterial.DecodeBase64(caData, $"certificate-authority-data of {clusterWhere}"), $"certificate-authority-data of {clusterWhere}");
        }
        else if (!string.IsNullOrEmpty(caFile))
        {
            var path = cluster.ResolvePath(caFile);
            ca = KubeConfigMaterial.LoadBundle(KubeConfigMaterial.ReadFile(path, $"certificate-authority of {clusterWhere}"), $"certificate-authority {path} of {clusterWhere}");
        }

        if (insecure && ca is not null)
        {
            throw new KubeConfigException($"{clusterWhere} sets both insecure-skip-tls-verify and a certificate authority; remove one");
        }

        var tlsServerName = cluster.Get("tls-server-name");
        var ns = context.Get("namespace");
        var userWhere = user is null ? "" : $"user '{userName}' in {user.File}";
        var description = user is null ? $"no user ({where})" : $"{userWhere} (context '{contextName}')";

        X509Certificate2? clientCertificate = null;
        KubeCredentialProvider? credentials = null;
        if (user is not null)
        {
            clientCertificate = KubeConfigCredentials.LoadClientCertificate(user, userWhere);
            credentials = KubeConfigCredentials.Build(user, userWhere, description, new ExecClusterInfo
            {
                Server = server.ToString().TrimEnd('/'),
                TlsServerName = tlsServerName,
                InsecureSkipTlsVerify = insecure,
                CertificateAuthorityData = ca is null ? null : Convert.ToBase64String(Encoding.ASCII.GetBytes(KubeConfigMaterial.ExportPem(ca))),
            }, timeProvider, execTimeout);
        }

        return new KubeClientConfiguration
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(ns) ? "default" : ns,
            Source = $"kubeconfig {fileList}, context '{contextName}'",
            ContextName = contextName,
            ClusterName = clusterName,
            UserName = userName,
            CertificateAuthorities = ca,
            InsecureSkipTlsVerify = insecure,
            TlsServerName = string.IsNullOrEmpty(tlsServerName) ? null : tlsServerName,
            ClientCertificate = clientCertificate,
            Credentials = credentials,
        };
    }

    private static string Known(string what, IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? $" (no{what} are defined)" : $" (defined{what}: {string.Join(", ", list)})";
    }
}
