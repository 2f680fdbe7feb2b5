using ExternalDns.Testing.Cloudflare;

namespace ExternalDns.Testing.Tests.Cloudflare;

/// <summary>One emulator per test (they are cheap), started on 127.0.0.1.</summary>
public abstract class CloudflareEmulatorTestBase : IAsyncLifetime
{
    protected CloudflareApiServer Server { get; private set; } = null!;

    internal CloudflareClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await CloudflareApiServer.StartAsync(new CloudflareApiServerOptions { ApiKey = "0123456789abcdef0123456789abcdef01234", ApiEmail = "ops@example.org" });
        Client = new CloudflareClient(Server);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
