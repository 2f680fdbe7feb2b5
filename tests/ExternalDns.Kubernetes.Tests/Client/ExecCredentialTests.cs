using System.Net;
using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExecCredentialTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A plugin that counts its runs, records its arguments and environment, and prints a token numbered by run.</summary>
    private string Plugin(string apiVersion, string statusJson)
    {
        var script = _dir.Write("bin/plugin.sh", $$"""
            #!/bin/sh
            echo run >> "{{_dir.Path}}/runs"
            echo "$@" > "{{_dir.Path}}/args"
            echo "$PLUGIN_ENV" > "{{_dir.Path}}/env"
            echo "$KUBERNETES_EXEC_INFO" > "{{_dir.Path}}/info"
            n=$(wc -l < "{{_dir.Path}}/runs" | tr -d ' ')
            cat <<JSON
            {"apiVersion":"{{apiVersion}}","kind":"ExecCredential","status":{{statusJson}}}
            JSON
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private int Runs => File.Exists(Path.Combine(_dir.Path, "runs")) ? File.ReadAllLines(Path.Combine(_dir.Path, "runs")).Length : 0;

    private KubeClientConfiguration Load(string execApiVersion, string command, TimeProvider time, bool provideClusterInfo = false)
    {
        var path = _dir.Write("config", $"""
            apiVersion: v1
            kind: Config
            current-context: ctx
            clusters:
            - name: c1
              cluster:
                server: https://k8s.example
            contexts:
            - name: ctx
              context: {"{"}cluster: c1, user: plugin-user{"}"}
            users:
            - name: plugin-user
              user:
                exec:
                  apiVersion: {execApiVersion}
                  command: {command}
                  args: ["--region", "eu west"]
                  env:
                  - name: PLUGIN_ENV
                    value: from-kubeconfig
                  provideClusterInfo: {(provideClusterInfo ? "true" : "false")}
                  installHint: install the plugin from example.com
                  interactiveMode: Never
            """);
        return new KubeConfigLoader { TimeProvider = time, HomeDirectory = _dir.Path }.Load(new KubeClientOptions { KubeConfig = path });
    }

    [Theory]
    [InlineData("client.authentication.k8s.io/v1")]
    [InlineData("client.authentication.k8s.io/v1beta1")]
    public async Task Plugin_token_is_sent_with_args_and_env_and_cached_until_expiry(string apiVersion)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var expiry = time.GetUtcNow().AddMinutes(10).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        Plugin(apiVersion, $$"""{"token":"plugin-token-$n","expirationTimestamp":"{{expiry}}"}""");
        var config = Load(apiVersion, "./bin/plugin.sh", time, provideClusterInfo: true);

        var handler = new FakeKubeHandler { Fallback = _ => Task.FromResult(FakeKubeHandler.Json("""{"metadata":{"name":"x"}}""")) };
        using var client = new KubeApiClient(config, new KubeClientOptions { Qps = 0 }, handler, time);
        await client.GetAsync(KubeResource.Services, "ns", "x", TestJsonContext.Default.TestService);
        await client.GetAsync(KubeResource.Services, "ns", "x", TestJsonContext.Default.TestService);
        Assert.Equal(1, Runs);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer plugin-token-1", r.Authorization));
        Assert.Equal("--region eu west", File.ReadAllText(Path.Combine(_dir.Path, "args")).Trim());
        Assert.Equal("from-kubeconfig", File.ReadAllText(Path.Combine(_dir.Path, "env")).Trim());
        var info = File.ReadAllText(Path.Combine(_dir.Path, "info"));
        Assert.Contains($"\"apiVersion\":\"{apiVersion}\"", info, StringComparison.Ordinal);
        Assert.Contains("\"interactive\":false", info, StringComparison.Ordinal);
        Assert.Contains("\"server\":\"https://k8s.example\"", info, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(11));
        await client.GetAsync(KubeResource.Services, "ns", "x", TestJsonContext.Default.TestService);
        Assert.Equal(2, Runs);
        Assert.Equal("Bearer plugin-token-2", handler.Requests.Last().Authorization);
    }

    [Fact]
    public async Task Plugin_is_rerun_after_401_and_the_request_retried_once()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Plugin("client.authentication.k8s.io/v1", """{"token":"plugin-token-$n"}""");
        var config = Load("client.authentication.k8s.io/v1", Path.Combine(_dir.Path, "bin/plugin.sh"), time);
        var handler = new FakeKubeHandler();
        handler.Enqueue(_ => FakeKubeHandler.Status(401, "Unauthorized", "Unauthorized"));
        handler.EnqueueJson("""{"metadata":{"name":"x"}}""");
        using var client = new KubeApiClient(config, new KubeClientOptions { Qps = 0 }, handler, time);

        var svc = await client.GetAsync(KubeResource.Services, "ns", "x", TestJsonContext.Default.TestService);

        Assert.NotNull(svc);
        Assert.Equal(2, Runs);
        Assert.Equal(["Bearer plugin-token-1", "Bearer plugin-token-2"], handler.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Persistent_401_is_a_clear_error_without_the_token()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Plugin("client.authentication.k8s.io/v1", """{"token":"plugin-token-$n"}""");
        var config = Load("client.authentication.k8s.io/v1", "./bin/plugin.sh", time);
        var handler = new FakeKubeHandler { Fallback = _ => Task.FromResult(FakeKubeHandler.Status(401, "Unauthorized", "Unauthorized")) };
        using var client = new KubeApiClient(config, new KubeClientOptions { Qps = 0 }, handler, time);

        var e = await Assert.ThrowsAsync<KubeApiException>(() => client.GetAsync(KubeResource.Services, "ns", "x", TestJsonContext.Default.TestService));
        Assert.True(e.IsUnauthorized);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("user 'plugin-user'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("plugin-token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugin_client_certificate_is_accepted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (cert, key) = TestCertificates.Ec();
        var json = System.Text.Json.JsonSerializer.Serialize(cert);
        var keyJson = System.Text.Json.JsonSerializer.Serialize(key);
        Plugin("client.authentication.k8s.io/v1", $$"""{"clientCertificateData":{{json}},"clientKeyData":{{keyJson}}}""");
        var config = Load("client.authentication.k8s.io/v1", "./bin/plugin.sh", time);
        var credential = await config.Credentials!.GetCredentialAsync(default);
        Assert.Null(credential.Authorization);
        Assert.True(credential.ClientCertificate!.HasPrivateKey);
        Assert.Same(credential, config.Credentials.Current);
    }

    public static TheoryData<string, string, string> BadPlugins => new()
    {
        { "#!/bin/sh\necho 'token expired, run login' >&2\nexit 3\n", "exited with code 3", "run login" },
        { "#!/bin/sh\necho not json\n", "did not print an ExecCredential", "" },
        { "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n", "apiVersion 'client.authentication.k8s.io/v1beta1'", "" },
        { "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{}}'\n", "neither a token nor a client certificate", "" },
        { "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\"}'\n", "without status", "" },
    };

    [Theory]
    [MemberData(nameof(BadPlugins))]
    public async Task Bad_plugins_give_errors_naming_the_user_and_command(string script, string expected, string expected2)
    {
        var path = _dir.Write("bin/plugin.sh", script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Load("client.authentication.k8s.io/v1", "./bin/plugin.sh", TimeProvider.System);
        var e = await Assert.ThrowsAsync<KubeConfigException>(async () => await config.Credentials!.GetCredentialAsync(default));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected2, e.Message, StringComparison.Ordinal);
        Assert.Contains("user 'plugin-user'", e.Message, StringComparison.Ordinal);
        Assert.Contains("plugin.sh", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_plugin_shows_the_install_hint()
    {
        var config = Load("client.authentication.k8s.io/v1", "no-such-plugin-binary-xyz", TimeProvider.System);
        var e = await Assert.ThrowsAsync<KubeConfigException>(async () => await config.Credentials!.GetCredentialAsync(default));
        Assert.Contains("no-such-plugin-binary-xyz", e.Message, StringComparison.Ordinal);
        Assert.Contains("install the plugin from example.com", e.Message, StringComparison.Ordinal);
        _ = HttpStatusCode.OK;
    }
}
