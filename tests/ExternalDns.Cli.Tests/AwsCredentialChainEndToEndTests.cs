using ExternalDns.Cli.Tests.Kubernetes;
using ExternalDns.Testing.Route53;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: the credentials a pod really gets on AWS, through <c>external-dns --provider=aws</c>: a role assumed with
/// <c>--aws-assume-role</c> (and <c>--aws-assume-role-external-id</c>), IRSA (a projected web identity token exchanged
/// with STS) and EKS Pod Identity (the container credentials endpoint). The STS emulator speaks the Query API and
/// checks SigV4; the Route53 emulator accepts only the keys STS issued, so a sync that lands proves the writes were
/// signed with the assumed identity and not the base one.
/// </summary>
public sealed class AwsCredentialChainEndToEndTests : IAsyncLifetime
{
    private const string BaseKey = "AKIABASECALLER000001";
    private const string BaseSecret = "base/caller+SecretThatMustNeverBePrinted01";
    private const string Role = "arn:aws:iam::123456789012:role/external-dns";

    private Route53Emulator _route53 = null!;
    private AwsStsEmulator _sts = null!;
    private string _zoneId = null!;

    public async Task InitializeAsync()
    {
        _route53 = await Route53Emulator.StartAsync();
        _sts = await AwsStsEmulator.StartAsync((key, secret, token) => _route53.AddCredentials(key, secret, token));
        _sts.AddCaller(BaseKey, BaseSecret);
        _zoneId = _route53.CreateHostedZone("creds.example").Id;
    }

    public async Task DisposeAsync()
    {
        await _sts.DisposeAsync();
        await _route53.DisposeAsync();
    }

    private static string[] Args(string dir, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}", "--provider=aws", "--domain-filter=creds.example", "--registry=txt",
        "--txt-owner-id=creds", "--policy=sync", "--once", "--log-level=warning", "--aws-batch-change-interval=0s", .. extra,
    ];

    /// <summary>No static keys, no profile, no metadata service: only what a test adds.</summary>
    private Dictionary<string, string> Environment() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = string.Empty,
        ["AWS_SECRET_ACCESS_KEY"] = string.Empty,
        ["AWS_ENDPOINT_URL_ROUTE_53"] = _route53.BaseAddress.ToString(),
        ["AWS_ENDPOINT_URL_STS"] = _sts.BaseAddress.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials",
        ["AWS_CONFIG_FILE"] = "/nonexistent/aws-config",
    };

    private static string Manifest(string name) =>
        ExternalDnsProcess.ManifestDirectory(("svc.yaml", Manifests.LoadBalancerService(name, $"{name}.creds.example", "203.0.113.7")));

    [Fact]
    public async Task An_assumed_role_with_an_external_id_signs_the_writes()
    {
        _sts.AllowAssumeRole(Role, externalId: "ext-4711");
        var env = Environment();
        env["AWS_ACCESS_KEY_ID"] = BaseKey;
        env["AWS_SECRET_ACCESS_KEY"] = BaseSecret;

        var run = await ExternalDnsProcess.RunAsync(Args(Manifest("assumed"), $"--aws-assume-role={Role}", "--aws-assume-role-external-id=ext-4711"), env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.NotNull(_route53.Find(_zoneId, "assumed.creds.example", "A"));
        var call = Assert.Single(_sts.Calls);
        Assert.Equal(("AssumeRole", Role, "ext-4711", BaseKey), (call.Action, call.RoleArn, call.ExternalId, call.CallerAccessKeyId));
        Assert.False(string.IsNullOrEmpty(call.SessionName));
        Assert.DoesNotContain(BaseSecret, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_assume_role_exits_1_naming_the_role_and_never_the_secret()
    {
        _sts.AllowAssumeRole(Role, externalId: "the-right-one");
        var env = Environment();
        env["AWS_ACCESS_KEY_ID"] = BaseKey;
        env["AWS_SECRET_ACCESS_KEY"] = BaseSecret;

        var run = await ExternalDnsProcess.RunAsync(Args(Manifest("refused"), $"--aws-assume-role={Role}", "--aws-assume-role-external-id=a-wrong-one"), env);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("external-dns: error:", StringComparison.Ordinal));
        Assert.Contains(Role, error, StringComparison.Ordinal);
        Assert.Contains("--aws-assume-role", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(BaseSecret, run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(_route53.RecordSets(_zoneId), r => r.Type is "A" or "TXT");
    }

    [Fact]
    public async Task Irsa_exchanges_the_projected_token_for_the_role_unsigned()
    {
        const string token = "eyJhbGciOiJSUzI1NiJ9.irsa-service-account-token.signature";
        _sts.AllowWebIdentity(Role, token);
        var tokenFile = Path.Combine(Path.GetTempPath(), $"irsa-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(tokenFile, token);
        var env = Environment();
        env["AWS_ROLE_ARN"] = Role;
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile;

        var run = await ExternalDnsProcess.RunAsync(Args(Manifest("irsa")), env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.NotNull(_route53.Find(_zoneId, "irsa.creds.example", "A"));
        var call = Assert.Single(_sts.Calls);
        Assert.Equal(("AssumeRoleWithWebIdentity", Role), (call.Action, call.RoleArn));
    }

    [Fact]
    public async Task Irsa_with_a_token_sts_refuses_exits_1_naming_the_web_identity()
    {
        _sts.AllowWebIdentity(Role, "the-token-sts-trusts");
        var tokenFile = Path.Combine(Path.GetTempPath(), $"irsa-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(tokenFile, "a-token-it-does-not");
        var env = Environment();
        env["AWS_ROLE_ARN"] = Role;
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile;

        var run = await ExternalDnsProcess.RunAsync(Args(Manifest("irsabad")), env);

        Assert.Equal(1, run.ExitCode);
        var error = Assert.Single(run.Stderr.Split('\n'), l => l.StartsWith("external-dns: error:", StringComparison.Ordinal));
        Assert.Contains("web identity", error, StringComparison.Ordinal);
        Assert.DoesNotContain("a-token-it-does-not", run.Stderr + run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eks_pod_identity_reads_the_container_credentials_endpoint_with_its_token_file()
    {
        _sts.ContainerAuthorizationToken = "pod-identity-token-0123456789";
        var tokenFile = Path.Combine(Path.GetTempPath(), $"eks-pod-identity-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(tokenFile, "pod-identity-token-0123456789");
        var env = Environment();
        env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = _sts.ContainerCredentialsUri.ToString();
        env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = tokenFile;

        var run = await ExternalDnsProcess.RunAsync(Args(Manifest("podid")), env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.NotNull(_route53.Find(_zoneId, "podid.creds.example", "A"));
        Assert.Contains(_sts.Calls, c => c.Action == "ContainerCredentials");
    }

    [Fact]
    public async Task Sts_unavailable_is_a_transient_error_the_loop_retries_until_the_sync_lands()
    {
        _sts.AllowAssumeRole(Role);
        _sts.FailNext(1000);
        var env = Environment();
        env["AWS_ACCESS_KEY_ID"] = BaseKey;
        env["AWS_SECRET_ACCESS_KEY"] = BaseSecret;
        string[] args =
        [
            "--source=manifest", $"--manifest-path={Manifest("flaky")}", "--provider=aws", "--domain-filter=creds.example",
            "--txt-owner-id=creds", "--policy=sync", "--interval=1m", "--metrics-address=", "--aws-batch-change-interval=0s",
            $"--aws-assume-role={Role}",
        ];

        // STS down: the reconcile fails as a transient error and the process keeps running (no crash loop) ...
        using var loop = ExternalDnsLoop.Start("external-dns", args, env);
        await loop.WaitForLineAsync("Transient provider error", TimeSpan.FromSeconds(60));
        Assert.False(loop.HasExited, loop.Output);
        Assert.DoesNotContain(BaseSecret, loop.Output, StringComparison.Ordinal);

        // ... and once STS answers again, the next attempt lands the records.
        _sts.FailNext(0);
        await Eventually.WaitAsync(() => _route53.Find(_zoneId, "flaky.creds.example", "A") is not null, TimeSpan.FromSeconds(60),
            () => "the loop syncs once STS is back\n" + loop.Output);
        Assert.False(loop.HasExited, loop.Output);
    }
}
