using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// Finds and resolves the client configuration the way external-dns (client-go) does:
/// <c>--kubeconfig</c>; else the KUBECONFIG variable (several files, merged as kubectl merges them: the first file
/// to define a cluster, user or context name wins, and the first <c>current-context</c> wins); else
/// <c>~/.kube/config</c>; else the in-cluster service account; else <c>--server</c> alone. <c>--server</c> always
/// overrides the server. Every error names the file, context, cluster, user or credential at fault, never a secret.
/// </summary>
public sealed class KubeConfigLoader
{
    /// <summary>Where a pod's service account is mounted.</summary>
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly ILogger _logger;

    public KubeConfigLoader(ILogger<KubeConfigLoader>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Reads an environment variable (injectable for tests).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The home directory holding <c>.kube/config</c>; null = HOME (or the user profile).</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>The in-cluster service account directory (token, ca.crt, namespace).</summary>
    public string ServiceAccountDirectory { get; init; } = DefaultServiceAccountDirectory;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Longest time an exec credential plugin may run.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Resolves the configuration for <paramref name="options"/> (see the class summary for the order).</summary>
    public KubeClientConfiguration Load(KubeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.KubeConfig))
        {
            var path = ExpandHome(options.KubeConfig.Trim());
            if (!File.Exists(path))
            {
                throw new KubeConfigException($"kubeconfig file {path} (--kubeconfig) does not exist");
            }

            return LoadFromFiles([path], options.Context, options.Server);
        }

        var env = GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(env))
        {
            var listed = env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(ExpandHome).Distinct(StringComparer.Ordinal).ToList();
            var existing = listed.Where(File.Exists).ToList();
            if (existing.Count == 0)
            {
                throw new KubeConfigException($"none of the files named by KUBECONFIG exists: {string.Join(", ", listed)}");
            }

            return LoadFromFiles(existing, options.Context, options.Server);
        }

        var home = Home();
        if (home is not null)
        {
            var homeConfig = Path.Combine(home, ".kube", "config");
            if (File.Exists(homeConfig))
            {
                return LoadFromFiles([homeConfig], options.Context, options.Server);
            }
        }

        if (!string.IsNullOrEmpty(GetEnvironmentVariable("KUBERNETES_SERVICE_HOST")))
        {
            return LoadInCluster(options.Server);
        }

        if (!string.IsNullOrWhiteSpace(options.Server))
        {
            return new KubeClientConfiguration { Server = KubeConfigMaterial.ParseServer(options.Server, "--server"), Source = "--server" };
        }

        throw new KubeConfigException(
            "no Kubernetes configuration found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or run inside a pod (KUBERNETES_SERVICE_HOST is not set)");
    }

    /// <summary>The in-cluster configuration: KUBERNETES_SERVICE_HOST/PORT and the mounted service account.</summary>
    public KubeClientConfiguration LoadInCluster(string? serverOverride = null)
    {
        var host = GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException("in-cluster configuration needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which are not both set");
        }

        var tokenPath = Path.Combine(ServiceAccountDirectory, "token");
        if (!File.Exists(tokenPath))
        {
            throw new KubeConfigException($"in-cluster configuration: service account token {tokenPath} does not exist (is automountServiceAccountToken false?)");
        }

        Uri server;
        if (!string.IsNullOrWhiteSpace(serverOverride))
        {
            server = KubeConfigMaterial.ParseServer(serverOverride, "--server");
        }
        else
        {
            var hostPart = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host;
            server = KubeConfigMaterial.ParseServer("https://" + hostPart + ":" + port, "KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT");
        }

        X509Certificate2Collection? ca = null;
        var caPath = Path.Combine(ServiceAccountDirectory, "ca.crt");
        if (File.Exists(caPath))
        {
            ca = KubeConfigMaterial.LoadBundle(File.ReadAllText(caPath), $"in-cluster CA file {caPath}");
        }
        else
        {
            KubeClientLog.InClusterCaMissing(_logger, caPath);
        }

        var ns = "default";
        var nsPath = Path.Combine(ServiceAccountDirectory, "namespace");
        if (File.Exists(nsPath))
        {
            var read = File.ReadAllText(nsPath).Trim();
            if (read.Length > 0)
            {
                ns = read;
            }
        }

        return new KubeClientConfiguration
        {
            Server = server,
            Namespace = ns,
            Source = "in-cluster service account",
            CertificateAuthorities = ca,
            Credentials = new TokenFileCredentialProvider(tokenPath, "the in-cluster service account token", TimeProvider),
            IsInCluster = true,
        };
    }

    /// <summary>Merges <paramref name="files"/> (first definition wins) and resolves one context.</summary>
    public KubeClientConfiguration LoadFromFiles(IReadOnlyList<string> files, string? contextOverride = null, string? serverOverride = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var merged = new MergedKubeConfig();
        foreach (var file in files)
        {
            merged.Add(KubeConfigFile.Read(file));
        }

        return KubeConfigContextResolver.Resolve(merged, string.Join(", ", files), contextOverride, serverOverride, TimeProvider, ExecTimeout);
    }

    private string? Home()
    {
        if (HomeDirectory is not null)
        {
            return HomeDirectory;
        }

        var home = GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
    }

    private string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Home();
            if (home is not null)
            {
                return Path.Combine(home, path.Length > 2 ? path[2..] : "");
            }
        }

        return path;
    }
}
