using ExternalDns.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Hosting;

/// <summary>Serves <c>/healthz</c> and <c>/metrics</c> (Prometheus text) on <c>--metrics-address</c>, as upstream.</summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MetricsServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The URL the server listens on (after start).</summary>
    public string? Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    /// <summary>Converts upstream's Go-style listen address (<c>:7979</c>, <c>127.0.0.1:7979</c>) to a Kestrel URL.</summary>
    public static string ToUrl(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.StartsWith("http://", StringComparison.Ordinal) || address.StartsWith("https://", StringComparison.Ordinal))
        {
            return address;
        }

        return address.StartsWith(':') ? $"http://0.0.0.0{address}" : $"http://{address}";
    }

    public static async Task<MetricsServer> StartAsync(string address, MetricRegistry metrics, Func<bool> healthy, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(healthy);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseUrls(ToUrl(address));
        var app = builder.Build();
        app.MapGet("/healthz", () => healthy() ? Results.Text("ok\n") : Results.Text("unhealthy\n", statusCode: 503));
        app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new MetricsServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
