using Amazon.Runtime;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Modules;
using ExternalDns.Providers.Aws;
using ExternalDns.Providers.Aws.Auth;
using ExternalDns.Testing.Route53;
using Microsoft.Extensions.Logging.Abstractions;
using static ExternalDns.Providers.Tests.Aws.Route53TestBed;

namespace ExternalDns.Providers.Tests.Aws;

public sealed class AwsCredentialAndModuleTests : IAsyncLifetime
{
    private Route53TestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task A_wrong_secret_is_a_configuration_error_naming_the_source_and_never_the_secret()
    {
        _bed.Emulator.CreateHostedZone("example.org");
        var env = new Dictionary<string, string>(_bed.Environment) { ["AWS_SECRET_ACCESS_KEY"] = "the-wrong-secret-value" };
        using var provider = _bed.Provider(environment: env);

        var error = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));

        Assert.Contains("AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the-wrong-secret-value", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, "\n");
        Assert.Equal(1, _bed.Emulator.Calls.Count(Route53Emulator.ListHostedZones)); // refused credentials are not retried
    }

    [Fact]
    public async Task Credentials_never_appear_in_logs_even_at_debug()
    {
        _bed.Emulator.CreateHostedZone("example.org");
        _bed.Emulator.Faults.FailNext(1, Route53FaultKind.Throttling);
        using var provider = _bed.Provider();
        await SyncAsync(provider, [Ep("www.example.org", "A", "192.0.2.1")]);
        var env = new Dictionary<string, string>(_bed.Environment) { ["AWS_SECRET_ACCESS_KEY"] = "another-secret" };
        using var wrong = _bed.Provider(environment: env);
        await Assert.ThrowsAsync<ProviderConfigurationException>(() => wrong.RecordsAsync(CancellationToken.None));

        Assert.NotEmpty(_bed.Log.Messages);
        Assert.Contains(_bed.Log.Messages, m => m.StartsWith("Debug", StringComparison.Ordinal) && m.Contains("/2013-04-01/hostedzone", StringComparison.Ordinal));
        Assert.DoesNotContain(_bed.Log.Messages, m => m.Contains(Secret, StringComparison.Ordinal) || m.Contains(AccessKey, StringComparison.Ordinal)
            || m.Contains("another-secret", StringComparison.Ordinal) || m.Contains("Signature=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_credentials_are_one_clear_error_naming_what_to_set()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_ROUTE_53"] = _bed.Environment["AWS_ENDPOINT_URL_ROUTE_53"], ["AWS_EC2_METADATA_DISABLED"] = "true", ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials" };
        using var provider = _bed.Provider(environment: env);
        var error = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.StartsWith("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _bed.Emulator.Calls.Total);

        env["AWS_ACCESS_KEY_ID"] = AccessKey;
        using var half = _bed.Provider(environment: env);
        error = await Assert.ThrowsAsync<ProviderConfigurationException>(() => half.RecordsAsync(CancellationToken.None));
        Assert.Equal("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both, or neither", error.Message);
    }

    [Fact]
    public async Task Profiles_from_the_shared_credentials_file_are_used_and_zones_merged()
    {
        _bed.Emulator.AddCredentials("AKIASECONDPROFILE", "second-secret");
        _bed.Emulator.AddCredentials("ASIATEMPORARY", "temp-secret", "session-token-1");
        var zone = _bed.Emulator.CreateHostedZone("example.org");
        var file = Path.Combine(Path.GetTempPath(), $"aws-credentials-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(file, $"[first]\naws_access_key_id = {AccessKey}\naws_secret_access_key = {Secret}\n\n[second]\naws_access_key_id = AKIASECONDPROFILE\naws_secret_access_key = second-secret\n\n[temporary]\naws_access_key_id = ASIATEMPORARY\naws_secret_access_key = temp-secret\naws_session_token = session-token-1\n");
        try
        {
            var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL_ROUTE_53"] = _bed.Environment["AWS_ENDPOINT_URL_ROUTE_53"], ["AWS_EC2_METADATA_DISABLED"] = "true", ["AWS_SHARED_CREDENTIALS_FILE"] = file };
            using var provider = _bed.Provider(Options() with { Profiles = ["first", "second", "temporary"] }, environment: env);
            await SyncAsync(provider, [Ep("www.example.org", "A", "192.0.2.1")]);
            Assert.NotNull(_bed.Emulator.Find(zone.Id, "www.example.org", "A"));
            Assert.Equal(3, _bed.Emulator.Calls.Count(Route53Emulator.ListHostedZones)); // one list per profile
            Assert.Single(_bed.Emulator.Calls.AppliedBatches); // the zone is written once, not once per profile

            using var missing = _bed.Provider(Options() with { Profiles = ["nope"] }, environment: env);
            var error = await Assert.ThrowsAsync<ProviderConfigurationException>(() => missing.RecordsAsync(CancellationToken.None));
            Assert.Contains("AWS profile \"nope\" (--aws-profile) was not found", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Chain_order_and_descriptions_follow_the_environment()
    {
        var irsa = AwsCredentialResolver.Resolve(null, null, null, Lookup(new() { ["AWS_WEB_IDENTITY_TOKEN_FILE"] = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token", ["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/external-dns", ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent" }));
        Assert.IsType<AssumeRoleWithWebIdentityCredentials>(irsa.Credentials);
        Assert.Contains("IRSA", irsa.Description, StringComparison.Ordinal);

        var envWins = AwsCredentialResolver.Resolve(null, null, null, Lookup(new() { ["AWS_ACCESS_KEY_ID"] = "AKIA1", ["AWS_SECRET_ACCESS_KEY"] = "s", ["AWS_SESSION_TOKEN"] = "t", ["AWS_ROLE_ARN"] = "arn:aws:iam::1:role/x", ["AWS_WEB_IDENTITY_TOKEN_FILE"] = "/t" }));
        Assert.IsType<SessionAWSCredentials>(envWins.Credentials);

        var podIdentity = AwsCredentialResolver.Resolve(null, null, null, Lookup(new() { ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://169.254.170.23/v1/credentials", ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent" }));
        Assert.Contains("EKS Pod Identity", podIdentity.Description, StringComparison.Ordinal);

        var assumed = AwsCredentialResolver.Resolve(null, "arn:aws:iam::123456789012:role/dns", "external-id-secret", Lookup(new() { ["AWS_ACCESS_KEY_ID"] = "AKIA1", ["AWS_SECRET_ACCESS_KEY"] = "s" }));
        Assert.IsType<AssumeRoleAWSCredentials>(assumed.Credentials);
        Assert.Contains("--aws-assume-role-external-id", assumed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("external-id-secret", assumed.Description, StringComparison.Ordinal);

        var error = Assert.Throws<ProviderConfigurationException>(() => AwsCredentialResolver.Resolve(null, null, null, Lookup(new() { ["AWS_ROLE_ARN"] = "arn:aws:iam::1:role/x" })));
        Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_flags_have_upstream_names_and_defaults_and_bind_the_environment()
    {
        var module = new AwsModule();
        var defaults = module.Flags.ToDictionary(f => f.Name, f => f.Default);
        Assert.Equal("1000", defaults["aws-batch-change-size"]);
        Assert.Equal("32000", defaults["aws-batch-change-size-bytes"]);
        Assert.Equal("1000", defaults["aws-batch-change-size-values"]);
        Assert.Equal("1s", defaults["aws-batch-change-interval"]);
        Assert.Equal("true", defaults["aws-evaluate-target-health"]);
        Assert.Equal("3", defaults["aws-api-retries"]);
        Assert.Equal("0s", defaults["aws-zones-cache-duration"]);
        Assert.True(module.Flags.Single(f => f.Name == "aws-assume-role-external-id").Secret);
        Assert.All(module.Flags, f => Assert.Equal("AWS provider", f.Group));

        var all = module.Flags.Append(new FlagDefinition("zone-id-filter", "x", FlagKind.List, "")).Append(new FlagDefinition("prefer-alias", "x", FlagKind.Bool, "") { Default = "false" })
            .Append(new FlagDefinition("tls-ca", "x", FlagKind.String, "") { Default = "" }).Append(new FlagDefinition("tls-client-cert", "x", FlagKind.String, "") { Default = "" })
            .Append(new FlagDefinition("tls-client-cert-key", "x", FlagKind.String, "") { Default = "" });
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://localhost:4566", ["AWS_ENDPOINT_URL_ROUTE_53"] = "http://127.0.0.1:9999", ["AWS_REGION"] = "cn-north-1" };
        var options = module.Bind("aws", new TestFlags(all, new Dictionary<string, string[]>
        {
            ["aws-zone-tags"] = ["env=prod", "team"],
            ["aws-zone-type"] = ["private"],
            ["zone-id-filter"] = ["Z1"],
            ["aws-batch-change-interval"] = ["250ms"],
        }), Context(env));
        Assert.Equal(new Uri("http://127.0.0.1:9999"), options.Endpoint);
        Assert.Equal(AwsZoneType.Private, options.ZoneType);
        Assert.Equal(new Dictionary<string, string> { ["env"] = "prod", ["team"] = "" }, options.ZoneTags);
        Assert.Equal(["Z1"], options.ZoneIdFilter);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.BatchChangeInterval);
        Assert.Equal(("https://route53.amazonaws.com.cn/", "cn-northwest-1"), (AwsModule.Partition(options.Region).Endpoint.ToString(), AwsModule.Partition(options.Region).SigningRegion));

        env.Remove("AWS_ENDPOINT_URL_ROUTE_53");
        Assert.Equal(new Uri("http://localhost:4566"), module.Bind("aws", new TestFlags(all, new Dictionary<string, string[]>()), Context(env)).Endpoint);

        var bad = Assert.Throws<FlagException>(() => module.Bind("aws", new TestFlags(all, new Dictionary<string, string[]> { ["aws-batch-change-size"] = ["0"] }), Context(env)));
        Assert.Contains("--aws-batch-change-size=0", bad.Message, StringComparison.Ordinal);
        Assert.Throws<FlagException>(() => module.Bind("aws", new TestFlags(all, new Dictionary<string, string[]> { ["aws-assume-role-external-id"] = ["x"] }), Context(env)));
        env["AWS_ENDPOINT_URL"] = "not a url";
        Assert.Contains("AWS_ENDPOINT_URL", Assert.Throws<ProviderConfigurationException>(() => module.Bind("aws", new TestFlags(all, new Dictionary<string, string[]>()), Context(env))).Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Lookup(Dictionary<string, string> env) => name => env.GetValueOrDefault(name);

    private static ProviderContext Context(Dictionary<string, string> env) => new()
    {
        LoggerFactory = NullLoggerFactory.Instance,
        Time = TimeProvider.System,
        Environment = name => env.GetValueOrDefault(name),
        DomainFilter = DomainFilter.All,
        Metrics = new MetricRegistry(),
        Http = new Core.Providers.Http.ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, NullLoggerFactory.Instance),
    };
}
