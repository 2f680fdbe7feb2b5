using ExternalDns.Testing.Route53;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>One Route53 emulator for a test class, with a key pair and the environment that points the process at it.</summary>
public sealed class Route53EmulatorFixture : IAsyncLifetime
{
    public const string AccessKey = "AKIACLITESTS00000001";
    public const string Secret = "cli/tests+Route53EmulatorSecret0000000001";

    public Route53Emulator Emulator { get; private set; } = null!;

    /// <summary>Static credentials and the endpoint; the EC2 metadata service is never probed.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = Secret,
        ["AWS_ENDPOINT_URL_ROUTE_53"] = Emulator.BaseAddress.ToString(),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials",
        ["AWS_CONFIG_FILE"] = "/nonexistent/aws-config",
    };

    public async Task InitializeAsync()
    {
        Emulator = await Route53Emulator.StartAsync();
        Emulator.AddCredentials(AccessKey, Secret);
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
