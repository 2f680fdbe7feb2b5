using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Cli.Tests.Scenarios;

/// <summary>One Cloudflare API emulator for a test class.</summary>
public sealed class CloudflareEmulatorFixture : IAsyncLifetime
{
    public CloudflareApiServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CloudflareApiServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
