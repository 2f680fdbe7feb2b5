using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
            return new KubeClientConfiguration { Server = ParseServer(options.Server, "--server"), Source = "--server" };
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
            server = ParseServer(serverOverride, "--server");
        }
        else
        {
            var hostPart = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host;
            server = ParseServer("https://" + hostPart + ":" + port, "KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT");
        }

        X509Certificate2Collection? ca = null;
        var caPath = Path.Combine(ServiceAccountDirectory, "ca.crt");
        if (File.Exists(caPath))
        {
            ca = LoadBundle(File.ReadAllText(caPath), $"in-cluster CA file {caPath}");
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
        var merged = new MergedConfig();
        foreach (var file in files)
        {
            merged.Add(ParseFile(file));
        }

        var fileList = string.Join(", ", files);
        var contextName = string.IsNullOrWhiteSpace(contextOverride) ? merged.CurrentContext : contextOverride.Trim();
        if (string.IsNullOrEmpty(contextName))
        {
            if (!string.IsNullOrWhiteSpace(serverOverride) && merged.Contexts.Count == 0)
            {
                return new KubeClientConfiguration { Server = ParseServer(serverOverride, "--server"), Source = "--server" };
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

        Entry? user = null;
        var userName = context.Get("user");
        if (!string.IsNullOrEmpty(userName) && !merged.Users.TryGetValue(userName, out user))
        {
            throw new KubeConfigException($"{where} refers to user '{userName}', which is not defined in {fileList}" + Known(" users", merged.Users.Keys));
        }

        var clusterWhere = $"cluster '{clusterName}' in {cluster.File}";
        Uri server;
        if (!string.IsNullOrWhiteSpace(serverOverride))
        {
            server = ParseServer(serverOverride, "--server");
        }
        else
        {
            var s = cluster.Get("server");
            if (string.IsNullOrWhiteSpace(s))
            {
                throw new KubeConfigException($"{clusterWhere} has no server");
            }

            server = ParseServer(s, clusterWhere + " server");
        }

        var insecure = cluster.GetBool("insecure-skip-tls-verify");
        X509Certificate2Collection? ca = null;
        var caData = cluster.Get("certificate-authority-data");
        var caFile = cluster.Get("certificate-authority");
        if (!string.IsNullOrEmpty(caData))
        {
            ca = LoadBundle(DecodeBase64(caData, $"certificate-authority-data of {clusterWhere}"), $"certificate-authority-data of {clusterWhere}");
        }
        else if (!string.IsNullOrEmpty(caFile))
        {
            var path = cluster.ResolvePath(caFile);
            ca = LoadBundle(ReadFile(path, $"certificate-authority of {clusterWhere}"), $"certificate-authority {path} of {clusterWhere}");
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
            clientCertificate = LoadClientCertificate(user, userWhere);
            credentials = BuildCredentials(user, userWhere, description, new ExecClusterInfo
            {
                Server = server.ToString().TrimEnd('/'),
                TlsServerName = tlsServerName,
                InsecureSkipTlsVerify = insecure,
                CertificateAuthorityData = ca is null ? null : Convert.ToBase64String(Encoding.ASCII.GetBytes(ExportPem(ca))),
            });
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

    private static X509Certificate2? LoadClientCertificate(Entry user, string userWhere)
    {
        string? certPem = null;
        string? keyPem = null;
        var certData = user.Get("client-certificate-data");
        var certFile = user.Get("client-certificate");
        var keyData = user.Get("client-key-data");
        var keyFile = user.Get("client-key");
        if (!string.IsNullOrEmpty(certData))
        {
            certPem = DecodeBase64(certData, $"client-certificate-data of {userWhere}");
        }
        else if (!string.IsNullOrEmpty(certFile))
        {
            certPem = ReadFile(user.ResolvePath(certFile), $"client-certificate of {userWhere}");
        }

        if (!string.IsNullOrEmpty(keyData))
        {
            keyPem = DecodeBase64(keyData, $"client-key-data of {userWhere}");
        }
        else if (!string.IsNullOrEmpty(keyFile))
        {
            keyPem = ReadFile(user.ResolvePath(keyFile), $"client-key of {userWhere}");
        }

        if (certPem is null && keyPem is null)
        {
            return null;
        }

        if (certPem is null || keyPem is null)
        {
            throw new KubeConfigException(
                $"{userWhere} has a client {(certPem is null ? "key but no client certificate" : "certificate but no client key")}");
        }

        try
        {
            return PemCertificates.LoadClientCertificate(certPem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new KubeConfigException($"client certificate/key of {userWhere} cannot be used (expected PEM certificate and an RSA or EC PEM key that match): {e.Message}", e);
        }
    }

    private KubeCredentialProvider? BuildCredentials(Entry user, string userWhere, string description, ExecClusterInfo clusterInfo)
    {
        var token = user.Get("token");
        var tokenFile = user.Get("tokenFile");
        var username = user.Get("username");
        var password = user.Get("password");
        var exec = user.GetMapping("exec");
        var authProvider = user.GetMapping("auth-provider");
        var hasToken = !string.IsNullOrEmpty(token) || !string.IsNullOrEmpty(tokenFile);
        var hasBasic = !string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password);

        if (authProvider is not null)
        {
            var name = GetScalar(authProvider, "name") ?? "?";
            throw new KubeConfigException(
                $"{userWhere} uses auth-provider '{name}', which is not supported (it was removed from client-go); use an exec credential plugin instead");
        }

        if (hasToken && hasBasic)
        {
            throw new KubeConfigException($"{userWhere} sets both a token and username/password; keep one");
        }

        if (exec is not null && (hasToken || hasBasic))
        {
            throw new KubeConfigException($"{userWhere} sets an exec plugin together with a token or username/password; keep one");
        }

        if (exec is not null)
        {
            return new ExecCredentialProvider(ParseExec(exec, user, userWhere), clusterInfo, description, TimeProvider, ExecTimeout);
        }

        if (!string.IsNullOrEmpty(tokenFile))
        {
            var path = user.ResolvePath(tokenFile);
            if (!File.Exists(path))
            {
                throw new KubeConfigException($"tokenFile {path} of {userWhere} does not exist");
            }

            return new TokenFileCredentialProvider(path, description, TimeProvider);
        }

        if (!string.IsNullOrEmpty(token))
        {
            return KubeCredentialProvider.FromToken(token, description);
        }

        if (hasBasic)
        {
            if (string.IsNullOrEmpty(username))
            {
                throw new KubeConfigException($"{userWhere} has a password but no username");
            }

            return KubeCredentialProvider.FromBasic(username, password ?? "", description);
        }

        return null;
    }

    private static ExecPluginConfig ParseExec(YamlMappingNode exec, Entry user, string userWhere)
    {
        var apiVersion = GetScalar(exec, "apiVersion");
        if (string.IsNullOrEmpty(apiVersion))
        {
            throw new KubeConfigException($"exec plugin of {userWhere} has no apiVersion (use client.authentication.k8s.io/v1)");
        }

        if (!ExecCredentialProvider.SupportedApiVersions.Contains(apiVersion))
        {
            throw new KubeConfigException(
                $"exec plugin of {userWhere} has apiVersion '{apiVersion}'; supported: {string.Join(", ", ExecCredentialProvider.SupportedApiVersions)}");
        }

        var command = GetScalar(exec, "command");
        if (string.IsNullOrEmpty(command))
        {
            throw new KubeConfigException($"exec plugin of {userWhere} has no command");
        }

        var interactive = GetScalar(exec, "interactiveMode");
        if (interactive == "Always")
        {
            throw new KubeConfigException($"exec plugin of {userWhere} has interactiveMode Always, but external-dns never runs with a terminal");
        }

        var args = new List<string>();
        if (Child(exec, "args") is YamlSequenceNode argNodes)
        {
            args.AddRange(argNodes.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? ""));
        }

        var env = new List<KeyValuePair<string, string>>();
        if (Child(exec, "env") is YamlSequenceNode envNodes)
        {
            foreach (var item in envNodes.Children.OfType<YamlMappingNode>())
            {
                var name = GetScalar(item, "name");
                if (string.IsNullOrEmpty(name))
                {
                    throw new KubeConfigException($"exec plugin of {userWhere} has an env entry without a name");
                }

                env.Add(new(name, GetScalar(item, "value") ?? ""));
            }
        }

        return new ExecPluginConfig
        {
            ApiVersion = apiVersion,
            Command = command,
            Args = args,
            Env = env,
            InstallHint = GetScalar(exec, "installHint"),
            ProvideClusterInfo = string.Equals(GetScalar(exec, "provideClusterInfo"), "true", StringComparison.OrdinalIgnoreCase),
            InteractiveMode = interactive,
            BaseDirectory = user.Directory,
        };
    }

    private static ParsedFile ParseFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"kubeconfig file {path} cannot be read: {e.Message}", e);
        }

        var parsed = new ParsedFile(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return parsed;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet messages describe the syntax, not the value.
            throw new KubeConfigException($"kubeconfig file {path} is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return parsed;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KubeConfigException($"kubeconfig file {path} is not a kubeconfig: its top level is not a mapping");
        }

        var kind = GetScalar(root, "kind");
        if (!string.IsNullOrEmpty(kind) && kind != "Config")
        {
            throw new KubeConfigException($"kubeconfig file {path} has kind '{kind}', expected Config");
        }

        parsed.CurrentContext = GetScalar(root, "current-context");
        ReadNamedList(root, "clusters", "cluster", parsed, parsed.Clusters);
        ReadNamedList(root, "users", "user", parsed, parsed.Users);
        ReadNamedList(root, "contexts", "context", parsed, parsed.Contexts);
        return parsed;
    }

    private static void ReadNamedList(YamlMappingNode root, string listKey, string itemKey, ParsedFile file, List<Entry> into)
    {
        var node = Child(root, listKey);
        if (node is null or YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new KubeConfigException($"kubeconfig file {file.Path}: '{listKey}' must be a list (line {node.Start.Line})");
        }

        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode mapping)
            {
                throw new KubeConfigException($"kubeconfig file {file.Path}: an entry of '{listKey}' is not a mapping (line {item.Start.Line})");
            }

            var name = GetScalar(mapping, "name");
            if (string.IsNullOrEmpty(name))
            {
                throw new KubeConfigException($"kubeconfig file {file.Path}: an entry of '{listKey}' has no name (line {item.Start.Line})");
            }

            var body = Child(mapping, itemKey);
            if (body is not null and not YamlMappingNode && body is not YamlScalarNode { Value: null or "" })
            {
                throw new KubeConfigException($"kubeconfig file {file.Path}: {itemKey} '{name}' is not a mapping (line {body.Start.Line})");
            }

            into.Add(new Entry(name, file.Path, body as YamlMappingNode ?? new YamlMappingNode()));
        }
    }

    internal static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    internal static string? GetScalar(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode s ? s.Value : null;

    private static string DecodeBase64(string value, string what)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
        }
        catch (FormatException e)
        {
            throw new KubeConfigException($"{what} is not valid base64", e);
        }
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"{what}: cannot read {path}: {e.Message}", e);
        }
    }

    private static X509Certificate2Collection LoadBundle(string pem, string what)
    {
        try
        {
            return PemCertificates.LoadBundle(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeConfigException($"{what} holds no usable PEM certificate: {e.Message}", e);
        }
    }

    private static string ExportPem(X509Certificate2Collection collection)
    {
        var sb = new StringBuilder();
        foreach (var cert in collection)
        {
            sb.Append(cert.ExportCertificatePem()).Append('\n');
        }

        return sb.ToString();
    }

    private static Uri ParseServer(string value, string what)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            // client-go accepts host:port and assumes https.
            trimmed = "https://" + trimmed;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new KubeConfigException($"{what} '{value}' is not an http(s) URL");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new KubeConfigException($"{what} must not contain user information");
        }

        return uri;
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

    private sealed class ParsedFile(string path)
    {
        public string Path { get; } = path;

        public string? CurrentContext { get; set; }

        public List<Entry> Clusters { get; } = [];

        public List<Entry> Users { get; } = [];

        public List<Entry> Contexts { get; } = [];
    }

    private sealed class Entry(string name, string file, YamlMappingNode body)
    {
        public string Name { get; } = name;

        public string File { get; } = file;

        public string? Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(File));

        public YamlMappingNode Body { get; } = body;

        public string? Get(string key) => GetScalar(Body, key);

        public YamlMappingNode? GetMapping(string key) => Child(Body, key) as YamlMappingNode;

        public bool GetBool(string key)
        {
            var value = Get(key);
            if (string.IsNullOrEmpty(value))
            {
                return false;
            }

            if (bool.TryParse(value, out var b))
            {
                return b;
            }

            throw new KubeConfigException($"{key} of '{Name}' in {File} is '{value}', expected true or false");
        }

        /// <summary>Relative paths in a kubeconfig are relative to the file that contains them (as kubectl resolves them).</summary>
        public string ResolvePath(string path) =>
            System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory ?? ".", path));
    }

    private sealed class MergedConfig
    {
        public string? CurrentContext { get; private set; }

        public Dictionary<string, Entry> Clusters { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Entry> Users { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Entry> Contexts { get; } = new(StringComparer.Ordinal);

        public void Add(ParsedFile file)
        {
            if (string.IsNullOrEmpty(CurrentContext) && !string.IsNullOrEmpty(file.CurrentContext))
            {
                CurrentContext = file.CurrentContext;
            }

            foreach (var e in file.Clusters)
            {
                Clusters.TryAdd(e.Name, e);
            }

            foreach (var e in file.Users)
            {
                Users.TryAdd(e.Name, e);
            }

            foreach (var e in file.Contexts)
            {
                Contexts.TryAdd(e.Name, e);
            }
        }
    }
}
