using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Testing;

/// <summary>
/// The Kestrel host every API emulator runs in: one request handler on 127.0.0.1 and a free port, no server header,
/// no logging; plain HTTP unless <c>listen</c> adds TLS. Stopping waits at most 5 s for requests in flight.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private WebApplication? _app;

    private LoopbackHttpServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The port Kestrel bound on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>http://127.0.0.1:{port}/ (for a TLS listener, build the https address from <see cref="Port"/>).</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static async Task<LoopbackHttpServer> StartAsync(RequestDelegate handler, Action<ListenOptions>? listen = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, options => listen?.Invoke(options));
        });
        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackHttpServer(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
