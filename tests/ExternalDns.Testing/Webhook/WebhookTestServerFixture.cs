namespace ExternalDns.Testing.Webhook;

/// <summary>An xunit class fixture holding one <see cref="WebhookTestServer"/> that serves (negotiates) example.org.</summary>
public sealed class WebhookTestServerFixture : IDisposable
{
    private readonly Lazy<Task<WebhookTestServer>> _server = new(() => WebhookTestServer.StartAsync(new WebhookTestServerOptions { Include = ["example.org"] }));

    /// <summary>The server, started on first use.</summary>
    public Task<WebhookTestServer> ServerAsync() => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
