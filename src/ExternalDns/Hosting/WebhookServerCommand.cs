using System.Runtime.InteropServices;
using ExternalDns.Cli;
using ExternalDns.Composition;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Core.Registry;
using ExternalDns.Providers.Webhook.Server;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Hosting;

/// <summary>
/// <c>external-dns --webhook-server --provider=X</c>: no reconcile; the provider X is built through its module and
/// served over upstream's webhook protocol (<see cref="WebhookServer"/>, 127.0.0.1:8888 unless
/// <c>--webhook-server-address</c> says otherwise), while <c>/healthz</c> and <c>/metrics</c> stay on
/// <c>--metrics-address</c>. Runs until SIGTERM or SIGINT, then stops both servers and exits 0.
/// </summary>
internal static partial class WebhookServerCommand
{
    public static async Task<int> RunAsync(
        ParsedFlags flags,
        Func<string, string?> environment,
        RunOptions run,
        ILoggerFactory loggerFactory,
        TimeProvider time,
        MetricRegistry metrics,
        TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("external-dns");
        IDnsProvider provider;
        WebhookServerOptions options;
        ProviderHttpFactory http;
        try
        {
            options = AppComposer.WebhookServerOptions(flags);
            http = new ProviderHttpFactory(metrics, time, loggerFactory);
            provider = AppComposer.Provider(flags, environment, loggerFactory, time, http);
        }
        catch (Exception ex) when (ex is FlagException or ProviderConfigurationException or RegistryConfigurationException)
        {
            await stderr.WriteLineAsync($"external-dns: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; cts.Cancel(); });
        MetricsServer? metricsServer = null;
        WebhookServer? webhookServer = null;
        var flag = "--metrics-address";
        var listening = run.MetricsAddress;
        try
        {
            if (run.MetricsAddress.Length > 0)
            {
                metricsServer = await MetricsServer.StartAsync(run.MetricsAddress, metrics, () => true, loggerFactory, cts.Token).ConfigureAwait(false);
                var metricsUrl = metricsServer.Url ?? run.MetricsAddress;
                LogMetrics(logger, metricsUrl);
            }

            (flag, listening) = ("--webhook-server-address", options.Address);
            webhookServer = await WebhookServer.StartAsync(AppComposer.Cached(provider, flags, time, metrics), options, loggerFactory, cts.Token, http.Budget).ConfigureAwait(false);
            var url = webhookServer.Url;
            var name = flags.String("provider");
            LogServing(logger, name, url);
            await Task.Delay(Timeout.Infinite, cts.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            LogStopping(logger);
            return ExitCodes.Ok;
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"external-dns: error: {flag}: cannot listen on {listening}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            if (webhookServer is not null)
            {
                await webhookServer.DisposeAsync().ConfigureAwait(false);
            }

            if (metricsServer is not null)
            {
                await metricsServer.DisposeAsync().ConfigureAwait(false);
            }

            switch (provider)
            {
                case IAsyncDisposable ad:
                    await ad.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable d:
                    d.Dispose();
                    break;
                default:
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the {Provider} provider over the webhook protocol on {Url} (no reconcile in this mode)")]
    private static partial void LogServing(ILogger logger, string provider, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving /healthz and /metrics on {Address}")]
    private static partial void LogMetrics(ILogger logger, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping the webhook server")]
    private static partial void LogStopping(ILogger logger);
}
