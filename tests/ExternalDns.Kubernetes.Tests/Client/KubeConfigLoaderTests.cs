using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

public sealed class KubeConfigLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, string?> _env = [];

    public void Dispose() => _dir.Dispose();

    private KubeConfigLoader Loader(TimeProvider? time = null) => new()
    {
        GetEnvironmentVariable = name => _env.GetValueOrDefault(name),
        HomeDirectory = Path.Combine(_dir.Path, "home"),
        ServiceAccountDirectory = Path.Combine(_dir.Path, "sa"),
        TimeProvider = time ?? TimeProvider.System,
    };

    private static string Config(string user, string cluster = "server: https://k8s.example:6443", string ns = "", string current = "ctx") => $"""
        apiVersion: v1
        kind: Config
        current-context: {current}
        clusters:
        - name: c1
          cluster:
            {cluster}
        contexts:
        - name: ctx
          context:
            cluster: c1
            user: u1
            {ns}
        users:
        - name: u1
          user:
            {user}
        """;

    private static async Task<RecordedRequest> SendOneAsync(KubeClientConfiguration config)
    {
        var handler = new FakeKubeHandler();
        handler.EnqueueJson("""{"metadata":{"name":"x","namespace":"default"},"spec":{}}""");
        using var client = new KubeApiClient(config, new KubeClientOptions { Qps = 0 }, handler);
        await client.GetAsync(KubeResource.Services, "default", "x", TestJsonContext.Default.TestService);
        return handler.Requests.Single();
    }

    [Fact]
    public async Task Token_user_sends_bearer_header_and_uses_context_namespace()
    {
        var path = _dir.Write("config", Config("token: abc123", ns: "namespace: team-a"));
        var config = Loader().Load(new KubeClientOptions { KubeConfig = path });

        Assert.Equal(new Uri("https://k8s.example:6443"), config.Server);
        Assert.Equal("team-a", config.Namespace);
        Assert.Equal("ctx", config.ContextName);
        Assert.Equal("c1", config.ClusterName);
        Assert.Equal("u1", config.UserName);
        var request = await SendOneAsync(config);
        Assert.Equal("Bearer abc123", request.Authorization);
        Assert.Equal("https://k8s.example:6443/api/v1/namespaces/default/services/x", request.Uri.ToString());
        Assert.DoesNotContain("abc123", config.Credentials!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_auth_user_sends_basic_header()
    {
        var path = _dir.Write("config", Config("username: admin\n    password: s3cret"));
        var request = await SendOneAsync(Loader().Load(new KubeClientOptions { KubeConfig = path }));
        Assert.Equal("Basic " + Convert.ToBase64String("admin:s3cret"u8.ToArray()), request.Authorization);
    }

    [Fact]
    public void Server_flag_overrides_the_cluster_server()
    {
        var path = _dir.Write("config", Config("token: t"));
        var config = Loader().Load(new KubeClientOptions { KubeConfig = path, Server = "http://127.0.0.1:8080" });
        Assert.Equal(new Uri("http://127.0.0.1:8080"), config.Server);
    }

    [Fact]
    public void Kubeconfig_env_merges_files_first_definition_and_first_current_context_win()
    {
        var first = _dir.Write("a/config", """
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: shared
              cluster:
                server: https://first.example
            users:
            - name: shared-user
              user:
                token: from-first
            """);
        var missing = Path.Combine(_dir.Path, "does-not-exist");
        var second = _dir.Write("b/config", """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: shared
              cluster:
                server: https://second.example
            - name: devcluster
              cluster:
                server: https://dev.example
            contexts:
            - name: prod
              context:
                cluster: shared
                user: shared-user
                namespace: prod-ns
            - name: dev
              context:
                cluster: devcluster
                user: shared-user
            users:
            - name: shared-user
              user:
                token: from-second
            """);
        _env["KUBECONFIG"] = string.Join(Path.PathSeparator, first, missing, second);

        var config = Loader().Load(new KubeClientOptions());
        Assert.Equal("prod", config.ContextName);
        Assert.Equal(new Uri("https://first.example"), config.Server);
        Assert.Equal("prod-ns", config.Namespace);

        var dev = Loader().Load(new KubeClientOptions { Context = "dev" });
        Assert.Equal(new Uri("https://dev.example"), dev.Server);
        Assert.Contains(first, dev.Source, StringComparison.Ordinal);
        Assert.Contains(second, dev.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_env_token_of_first_file_wins()
    {
        var first = _dir.Write("a/config", """
            users:
            - name: u
              user:
                token: from-first
            """);
        var second = _dir.Write("b/config", """
            current-context: c
            clusters:
            - name: k
              cluster: {server: "https://x.example"}
            contexts:
            - name: c
              context: {cluster: k, user: u}
            users:
            - name: u
              user:
                token: from-second
            """);
        _env["KUBECONFIG"] = first + Path.PathSeparator + second;
        var request = await SendOneAsync(Loader().Load(new KubeClientOptions()));
        Assert.Equal("Bearer from-first", request.Authorization);
    }

    [Fact]
    public void Home_config_is_used_when_nothing_else_is_set()
    {
        _dir.Write("home/.kube/config", Config("token: t", cluster: "server: https://home.example"));
        Assert.Equal(new Uri("https://home.example"), Loader().Load(new KubeClientOptions()).Server);
    }

    [Fact]
    public void Nothing_configured_is_a_clear_error()
    {
        var e = Assert.Throws<KubeConfigException>(() => Loader().Load(new KubeClientOptions()));
        Assert.Contains("--kubeconfig", e.Message, StringComparison.Ordinal);
        Assert.Contains("KUBERNETES_SERVICE_HOST", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubeconfig_env_naming_only_missing_files_is_an_error()
    {
        _env["KUBECONFIG"] = Path.Combine(_dir.Path, "nope");
        var e = Assert.Throws<KubeConfigException>(() => Loader().Load(new KubeClientOptions()));
        Assert.Contains("KUBECONFIG", e.Message, StringComparison.Ordinal);
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string[]> BadConfigs => new()
    {
        { Config("token: t", current: "missing"), ["context 'missing'", "ctx"] },
        { Config("token: t").Replace("cluster: c1", "cluster: other", StringComparison.Ordinal), ["context 'ctx'", "cluster 'other'"] },
        { Config("token: t").Replace("user: u1", "user: ghost", StringComparison.Ordinal), ["context 'ctx'", "user 'ghost'"] },
        { Config("token: t", cluster: "insecure-skip-tls-verify: true"), ["cluster 'c1'", "no server"] },
        { Config("token: t", cluster: "server: ftp://x"), ["cluster 'c1'", "not an http(s) URL"] },
        { Config("token: t", cluster: "server: https://x\n    certificate-authority-data: '!!notbase64!!'"), ["certificate-authority-data", "cluster 'c1'", "base64"] },
        { Config("token: t", cluster: "server: https://x\n    certificate-authority: missing-ca.crt"), ["certificate-authority", "cluster 'c1'", "missing-ca.crt"] },
        { Config("token: t", cluster: "server: https://x\n    certificate-authority-data: " + TestCertificates.B64("not a pem")), ["certificate-authority-data", "no usable PEM"] },
        { Config("token: t", cluster: "server: https://x\n    insecure-skip-tls-verify: maybe"), ["insecure-skip-tls-verify", "c1"] },
        { Config("token: topsecret-token\n    username: bob\n    password: hunter2"), ["user 'u1'", "token and username/password"] },
        { Config("client-certificate: cert.pem"), ["user 'u1'", "client-certificate", "cert.pem"] },
        { Config("client-certificate-data: " + TestCertificates.B64(TestCertificates.Rsa().CertPem)), ["user 'u1'", "no client key"] },
        { Config("tokenFile: /nonexistent/token"), ["tokenFile", "user 'u1'"] },
        { Config("auth-provider:\n      name: gcp"), ["user 'u1'", "auth-provider 'gcp'"] },
        { Config("exec:\n      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: x"), ["user 'u1'", "v1alpha1"] },
        { Config("exec:\n      apiVersion: client.authentication.k8s.io/v1"), ["user 'u1'", "no command"] },
        { "current-context: [unclosed", ["not valid YAML", "line"] },
        { "- just\n- a list\n", ["not a kubeconfig"] },
        { "kind: Pod\n", ["kind 'Pod'"] },
        { "apiVersion: v1\nkind: Config\n", ["current-context is not set"] },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Bad_configs_name_file_and_culprit_and_no_secret(string yaml, string[] expected)
    {
        var path = _dir.Write("bad-config", yaml);
        var e = Assert.Throws<KubeConfigException>(() => Loader().Load(new KubeClientOptions { KubeConfig = path }));
        foreach (var part in expected)
        {
            Assert.Contains(part, e.Message, StringComparison.Ordinal);
        }

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("topsecret-token", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_explicit_kubeconfig_names_the_file()
    {
        var e = Assert.Throws<KubeConfigException>(() => Loader().Load(new KubeClientOptions { KubeConfig = "/no/such/kubeconfig" }));
        Assert.Contains("/no/such/kubeconfig", e.Message, StringComparison.Ordinal);
        Assert.Contains("--kubeconfig", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Insecure_with_ca_is_rejected()
    {
        var path = _dir.Write("config", Config("token: t",
            cluster: "server: https://x\n    insecure-skip-tls-verify: true\n    certificate-authority-data: " + TestCertificates.B64(TestCertificates.CaPem())));
        var e = Assert.Throws<KubeConfigException>(() => Loader().Load(new KubeClientOptions { KubeConfig = path }));
        Assert.Contains("insecure-skip-tls-verify", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_tls_settings_are_read_and_relative_ca_file_resolves_against_the_kubeconfig()
    {
        _dir.Write("conf/ca/ca.crt", TestCertificates.CaPem());
        var path = _dir.Write("conf/config", Config("token: t", cluster: "server: https://x\n    certificate-authority: ca/ca.crt\n    tls-server-name: api.internal"));
        var config = Loader().Load(new KubeClientOptions { KubeConfig = path });
        Assert.Single(config.CertificateAuthorities!);
        Assert.Equal("CN=test-ca", config.CertificateAuthorities![0].Subject);
        Assert.Equal("api.internal", config.TlsServerName);
        Assert.False(config.InsecureSkipTlsVerify);

        var data = _dir.Write("config2", Config("token: t", cluster: "server: https://x\n    certificate-authority-data: " + TestCertificates.B64(TestCertificates.CaPem() + "\n" + TestCertificates.CaPem())));
        Assert.Equal(2, Loader().Load(new KubeClientOptions { KubeConfig = data }).CertificateAuthorities!.Count);

        var insecure = _dir.Write("config3", Config("token: t", cluster: "server: https://x\n    insecure-skip-tls-verify: true"));
        Assert.True(Loader().Load(new KubeClientOptions { KubeConfig = insecure }).InsecureSkipTlsVerify);
    }

    public static TheoryData<string, bool, bool> CertKinds => new()
    {
        { "rsa", false, true }, { "rsa", true, true }, { "ec", false, true }, { "ec", true, true },
        { "rsa", false, false }, { "ec", true, false },
    };

    [Theory]
    [MemberData(nameof(CertKinds))]
    public void Client_certificate_and_key_load_from_data_or_files(string kind, bool pkcs8, bool inline)
    {
        var (cert, key) = kind == "rsa" ? TestCertificates.Rsa(pkcs8) : TestCertificates.Ec(pkcs8);
        string user;
        if (inline)
        {
            user = $"client-certificate-data: {TestCertificates.B64(cert)}\n    client-key-data: {TestCertificates.B64(key)}";
        }
        else
        {
            _dir.Write("pki/client.crt", cert);
            _dir.Write("pki/client.key", key);
            user = "client-certificate: pki/client.crt\n    client-key: pki/client.key";
        }

        var path = _dir.Write("config", Config(user));
        var config = Loader().Load(new KubeClientOptions { KubeConfig = path });
        Assert.NotNull(config.ClientCertificate);
        Assert.True(config.ClientCertificate!.HasPrivateKey);
        Assert.Null(config.Credentials);
        using var handler = KubeHttpHandlerFactory.Create(config);
        Assert.Single(handler.SslOptions.ClientCertificates!);
    }

    [Fact]
    public void Mismatched_certificate_and_key_is_a_clear_error()
    {
        var (cert, _) = TestCertificates.Rsa();
        var (_, otherKey) = TestCertificates.Rsa();
        var path = _dir.Write("config", Config($"client-certificate-data: {TestCertificates.B64(cert)}\n    client-key-data: {TestCertificates.B64(otherKey)}"));
        var e = Assert.Throws<KubeConfigException>(() => Loader().Load(new KubeClientOptions { KubeConfig = path }));
        Assert.Contains("client certificate/key of user 'u1'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_file_is_read_relative_to_the_kubeconfig_and_reread_when_it_changes()
    {
        var time = new FakeTimeProvider();
        var tokenPath = _dir.Write("creds/token", "first-token\n");
        var path = _dir.Write("config", Config("tokenFile: creds/token"));
        var config = Loader(time).Load(new KubeClientOptions { KubeConfig = path });
        var credentials = config.Credentials!;
        Assert.Equal("Bearer first-token", (await credentials.GetCredentialAsync(default)).Authorization!.ToString());

        File.WriteAllText(tokenPath, "second-token-longer");
        File.SetLastWriteTimeUtc(tokenPath, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("Bearer second-token-longer", (await credentials.GetCredentialAsync(default)).Authorization!.ToString());
    }

    [Fact]
    public async Task In_cluster_config_reads_service_account_and_rereads_rotated_token()
    {
        var time = new FakeTimeProvider();
        _dir.Write("sa/token", "sa-token-1");
        _dir.Write("sa/ca.crt", TestCertificates.CaPem());
        _dir.Write("sa/namespace", "external-dns\n");
        _env["KUBERNETES_SERVICE_HOST"] = "10.96.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";

        var config = Loader(time).Load(new KubeClientOptions());
        Assert.True(config.IsInCluster);
        Assert.Equal(new Uri("https://10.96.0.1:443"), config.Server);
        Assert.Equal("external-dns", config.Namespace);
        Assert.Single(config.CertificateAuthorities!);
        Assert.Equal("Bearer sa-token-1", (await config.Credentials!.GetCredentialAsync(default)).Authorization!.ToString());

        // Rotation with the same length and timestamp is still picked up after a minute.
        File.WriteAllText(Path.Combine(_dir.Path, "sa/token"), "sa-token-2");
        File.SetLastWriteTimeUtc(Path.Combine(_dir.Path, "sa/token"), File.GetLastWriteTimeUtc(Path.Combine(_dir.Path, "sa/ca.crt")));
        time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("Bearer sa-token-2", (await config.Credentials.GetCredentialAsync(default)).Authorization!.ToString());
    }

    [Fact]
    public void In_cluster_ipv6_host_and_server_override()
    {
        _dir.Write("sa/token", "t");
        _env["KUBERNETES_SERVICE_HOST"] = "fd00::1";
        _env["KUBERNETES_SERVICE_PORT"] = "6443";
        Assert.Equal("https://[fd00::1]:6443/", Loader().Load(new KubeClientOptions()).Server.ToString());
        Assert.Equal("https://override.example/", Loader().Load(new KubeClientOptions { Server = "override.example" }).Server.ToString());
        Assert.Equal("default", Loader().Load(new KubeClientOptions()).Namespace);
    }

    [Fact]
    public void In_cluster_without_token_names_the_file()
    {
        _env["KUBERNETES_SERVICE_HOST"] = "10.0.0.1";
        _env["KUBERNETES_SERVICE_PORT"] = "443";
        var e = Assert.Throws<KubeConfigException>(() => Loader().Load(new KubeClientOptions()));
        Assert.Contains(Path.Combine(_dir.Path, "sa", "token"), e.Message, StringComparison.Ordinal);
    }
}
