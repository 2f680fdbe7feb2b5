using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using YamlDotNet.RepresentationModel;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// The credentials of a kubeconfig user: client certificate and key (inline or files), token, tokenFile,
/// username/password, or an exec credential plugin; auth-provider is rejected.
/// </summary>
internal static class KubeConfigCredentials
{
    /// <summary>The client certificate and key of <paramref name="user"/>, or null when it has none.</summary>
    public static X509Certificate2? LoadClientCertificate(KubeConfigEntry user, string userWhere)
    {
        string? certPem = null;
        string? keyPem = null;
        var certData = user.Get("client-certificate-data");
        var certFile = user.Get("client-certificate");
        var keyData = user.Get("client-key-data");
        var keyFile = user.Get("client-key");
        if (!string.IsNullOrEmpty(certData))
        {
            certPem = KubeConfigMaterial.DecodeBase64(certData, $"client-certificate-data of {userWhere}");
        }
        else if (!string.IsNullOrEmpty(certFile))
        {
            certPem = KubeConfigMaterial.ReadFile(user.ResolvePath(certFile), $"client-certificate of {userWhere}");
        }

        if (!string.IsNullOrEmpty(keyData))
        {
            keyPem = KubeConfigMaterial.DecodeBase64(keyData, $"client-key-data of {userWhere}");
        }
        else if (!string.IsNullOrEmpty(keyFile))
        {
            keyPem = KubeConfigMaterial.ReadFile(user.ResolvePath(keyFile), $"client-key of {userWhere}");
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

    /// <summary>The token, token file, basic or exec credentials of <paramref name="user"/>, or null when it has none.</summary>
    public static KubeCredentialProvider? Build(
        KubeConfigEntry user, string userWhere, string description, ExecClusterInfo clusterInfo, TimeProvider timeProvider, TimeSpan execTimeout)
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
            var name = KubeConfigYaml.GetScalar(authProvider, "name") ?? "?";
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
            return new ExecCredentialProvider(ParseExec(exec, user, userWhere), clusterInfo, description, timeProvider, execTimeout);
        }

        if (!string.IsNullOrEmpty(tokenFile))
        {
            var path = user.ResolvePath(tokenFile);
            if (!File.Exists(path))
            {
                throw new KubeConfigException($"tokenFile {path} of {userWhere} does not exist");
            }

            return new TokenFileCredentialProvider(path, description, timeProvider);
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

    private static ExecPluginConfig ParseExec(YamlMappingNode exec, KubeConfigEntry user, string userWhere)
    {
        var apiVersion = KubeConfigYaml.GetScalar(exec, "apiVersion");
        if (string.IsNullOrEmpty(apiVersion))
        {
            throw new KubeConfigException($"exec plugin of {userWhere} has no apiVersion (use client.authentication.k8s.io/v1)");
        }

        if (!ExecCredentialProvider.SupportedApiVersions.Contains(apiVersion))
        {
            throw new KubeConfigException(
                $"exec plugin of {userWhere} has apiVersion '{apiVersion}'; supported: {string.Join(", ", ExecCredentialProvider.SupportedApiVersions)}");
        }

        var command = KubeConfigYaml.GetScalar(exec, "command");
        if (string.IsNullOrEmpty(command))
        {
            throw new KubeConfigException($"exec plugin of {userWhere} has no command");
        }

        var interactive = KubeConfigYaml.GetScalar(exec, "interactiveMode");
        if (interactive == "Always")
        {
            throw new KubeConfigException($"exec plugin of {userWhere} has interactiveMode Always, but external-dns never runs with a terminal");
        }

        var args = new List<string>();
        if (KubeConfigYaml.Child(exec, "args") is YamlSequenceNode argNodes)
        {
            args.AddRange(argNodes.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? ""));
        }

        var env = new List<KeyValuePair<string, string>>();
        if (KubeConfigYaml.Child(exec, "env") is YamlSequenceNode envNodes)
        {
            foreach (var item in envNodes.Children.OfType<YamlMappingNode>())
            {
                var name = KubeConfigYaml.GetScalar(item, "name");
                if (string.IsNullOrEmpty(name))
                {
                    throw new KubeConfigException($"exec plugin of {userWhere} has an env entry without a name");
                }

                env.Add(new(name, KubeConfigYaml.GetScalar(item, "value") ?? ""));
            }
        }

        return new ExecPluginConfig
        {
            ApiVersion = apiVersion,
            Command = command,
            Args = args,
            Env = env,
            InstallHint = KubeConfigYaml.GetScalar(exec, "installHint"),
            ProvideClusterInfo = string.Equals(KubeConfigYaml.GetScalar(exec, "provideClusterInfo"), "true", StringComparison.OrdinalIgnoreCase),
            InteractiveMode = interactive,
            BaseDirectory = user.Directory,
        };
    }
}
