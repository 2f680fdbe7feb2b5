using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Webhook.Server;

/// <summary>
/// <c>--webhook-server</c>: serves any of our providers over upstream's webhook protocol (Kestrel), so that upstream
/// ExternalDNS — or any webhook client — can use it. Go's server limits map onto Kestrel's: the header timeout to
/// <c>RequestHeadersTimeout</c>, the idle timeout to <c>KeepAliveTimeout</c>, the body limit to
/// <c>MaxRequestBodySize</c> (413); the read timeout bounds the body and the write timeout the whole answer
/// (see <see cref="WebhookRequestHandler"/>).
/// </summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private readonly TimeSpan _grace;

    private WebhookServer(WebApplication app, CancellationTokenSource stopping, TimeSpan grace)
    {
        _app = app;
        _stopping = stopping;
        _grace = grace;
    }

    /// <summary>The URL the server listens on (with the real port when port 0 was asked for).</summary>
    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? string.Empty;

    /// <summary>Starts listening; throws <see cref="IOException"/> when the address is taken.</summary>
    /// <param name="provider">The provider served.</param>
    /// <param name="options">Address, limits, dry run.</param>
    /// <param name="loggerFactory">Logger factory (also Kestrel's).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="retryBudget">
    /// The provider's HTTP retry budget, if it has one: reset at every <c>GET /records</c>, where a client's reconcile
    /// starts (the server never reconciles itself, so nothing else would reset it).
    /// </param>
    public static async Task<WebhookServer> StartAsync(IDnsProvider provider, WebhookServerOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken, RetryBudget? retryBudget = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var grace = options.WriteTimeout > TimeSpan.Zero ? options.WriteTimeout : TimeSpan.FromSeconds(10);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace);
        builder.WebHost.UseUrls(options.Url);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodySize > 0 ? options.MaxBodySize : null;
            kestrel.Limits.RequestHeadersTimeout = Positive(options.ReadHeaderTimeout, options.ReadTimeout);
            kestrel.Limits.KeepAliveTimeout = Positive(options.IdleTimeout, options.ReadTimeout);
        });
        var app = builder.Build();
        var stopping = new CancellationTokenSource();
        var handler = new WebhookRequestHandler(provider, options, loggerFactory.CreateLogger<WebhookServer>(), stopping.Token) { RetryBudget = retryBudget };
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stopping.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new WebhookServer(app, stopping, grace);
    }

    /// <summary>Stops listening, lets requests in flight finish within the write timeout, then cancels what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var grace = new CancellationTokenSource(_grace))
        {
            try
            {
                await _app.StopAsync(grace.Token).ConfigureAwait(false);
            }
            finally
            {
                await _stopping.CancelAsync().ConfigureAwait(false);
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static TimeSpan Positive(TimeSpan value, TimeSpan fallback) =>
        value > TimeSpan.Zero ? value : fallback > TimeSpan.Zero ? fallback : Timeout.InfiniteTimeSpan;
}
