using System.Runtime.InteropServices;
using ExternalDns.Cli;
using ExternalDns.Composition;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Registry;
using ExternalDns.Hosting;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Output;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ExternalDns;

/// <summary>
/// The <c>external-dns</c> command: parses flags, composes source, provider and registry, then runs one reconcile
/// (<c>--once</c>) or the loop; with <c>--webhook-server</c> it serves the provider instead (<see cref="WebhookServerCommand"/>). Exit codes: 0 ok, 1 failed reconcile or fatal configuration error, 2 bad command line.
/// </summary>
public static partial class ExternalDnsApp
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ParsedFlags flags;
        try
        {
            flags = FlagParser.Parse(args, environment);
            if (flags.Bool("help"))
            {
                await stdout.WriteAsync(HelpWriter.Help()).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (flags.Bool("version"))
            {
                await stdout.WriteLineAsync(Version).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (flags.Bool("generate-flag-reference"))
            {
                await stdout.WriteAsync(HelpWriter.Markdown()).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            if (flags.Bool("generate-rbac"))
            {
                await stdout.WriteAsync(RbacGenerator.Generate(flags)).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            FlagValidation.Validate(flags);
        }
        catch (FlagException ex)
        {
            await stderr.WriteLineAsync($"external-dns: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var run = AppComposer.RunOptions(flags);
        using var loggerFactory = CreateLoggerFactory(run);
        var logger = loggerFactory.CreateLogger("external-dns");
        foreach (var unsupported in FlagCatalog.All.Where(f => f.NotSupported is not null && flags.IsSet(f.Name)))
        {
            LogNotSupported(logger, unsupported.Name, unsupported.NotSupported!);
        }

        if (flags.String("compatibility") == "kops-dns-controller" && flags.List("source").Any(s => s is "pod" or "manifest"))
        {
            LogNotSupported(logger, "compatibility=kops-dns-controller", "the pod source's dns.alpha.kubernetes.io annotations are not read (the service source's are)");
        }

        var time = TimeProvider.System;
        var metricRegistry = new MetricRegistry();
        BuildInfo.Register(metricRegistry);
        if (run.WebhookServer)
        {
            return await WebhookServerCommand.RunAsync(flags, environment, run, loggerFactory, time, metricRegistry, stderr, cancellationToken).ConfigureAwait(false);
        }

        AppComponents components;
        try
        {
            components = AppComposer.Build(flags, environment, loggerFactory, time, metricRegistry);
        }
        catch (Exception ex) when (ex is FlagException or RegistryConfigurationException)
        {
            // The command line itself is wrong: a flag's value, or flags that do not go together.
            await stderr.WriteLineAsync($"external-dns: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is ProviderConfigurationException or KubeConfigException)
        {
            // Something outside the command line is unusable: credentials, a configuration file, a kubeconfig.
            await stderr.WriteLineAsync($"external-dns: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        await using (components.ConfigureAwait(false))
        {
            var metrics = new ControllerMetrics(metricRegistry);
            var reconciler = new Reconciler(components.Source, components.Registry, components.Controller, metrics, time, loggerFactory.CreateLogger<Reconciler>()) { RetryBudget = components.RetryBudget };
            await using var kubernetes = KubernetesHooks.Create(components, components.Hooks, loggerFactory, time);
            reconciler.ApplyFailed += kubernetes.OnApplyFailed;
            components.Live?.Start();

            if (run.Once)
            {
                return await RunOnceAsync(reconciler, kubernetes, run.PlanFormat, stdout, stderr, cancellationToken).ConfigureAwait(false);
            }

            return await RunLoopAsync(reconciler, kubernetes, metrics, run, loggerFactory, logger, stdout, stderr, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Version => BuildInfo.InformationalVersion;

    private static async Task<int> RunOnceAsync(Reconciler reconciler, KubernetesHooks kubernetes, string planFormat, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await reconciler.RunOnceAsync(cancellationToken).ConfigureAwait(false);
            await kubernetes.AfterReconcileAsync(outcome, cancellationToken).ConfigureAwait(false);
            if (outcome.Skipped)
            {
                await stderr.WriteLineAsync($"external-dns: error: reconcile skipped, nothing planned or written: {outcome.Desired.IncompleteReason}").ConfigureAwait(false);
                return ExitCodes.Failed;
            }

            await stdout.WriteAsync(planFormat == "json" ? PlanPrinter.Json(outcome) : PlanPrinter.Table(outcome)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"external-dns: error: reconcile failed: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    private static async Task<int> RunLoopAsync(
        Reconciler reconciler,
        KubernetesHooks kubernetes,
        ControllerMetrics metrics,
        RunOptions run,
        ILoggerFactory loggerFactory,
        ILogger logger,
        TextWriter stdout,
        TextWriter stderr,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; cts.Cancel(); });
        using var loop = new ControllerLoop(reconciler, metrics, time, loggerFactory.CreateLogger<ControllerLoop>()) { AfterReconcile = kubernetes.AfterReconcileAsync };
        if (run.Events)
        {
            kubernetes.OnChange(loop.RequestReconcile);
        }

        // The first full reconcile leaves a heap several times what stays, and an idle controller triggers no further
        // collection to give it back: the loop compacts once after it, so the settled footprint is what the caches and the
        // mapping hold (docs/benchmarks-kubernetes.md). Later reconciles allocate far less and are left to the GC.
        loop.CompactAfterFirstPass = true;
        loop.Reconciled += outcome =>
        {
            if (run.DryRun && outcome.Plan.Changes.HasChanges)
            {
                stdout.Write(run.PlanFormat == "json" ? PlanPrinter.Json(outcome) : PlanPrinter.Table(outcome));
                stdout.Flush();
            }
        };

        MetricsServer? server = null;
        try
        {
            var address = run.MetricsAddress;
            if (address.Length > 0)
            {
                server = await MetricsServer.StartAsync(address, metrics.Registry, () => true, loggerFactory, cts.Token).ConfigureAwait(false);
                LogListening(logger, server.Url ?? address);
            }

            if (kubernetes.Elector is { } elector)
            {
                // Only the leader reconciles (and so writes); the caches stay warm on a standby. The token passed in is
                // cancelled the moment leadership is lost, before another replica could take the lease over.
                metrics.Leader.Set(0);
                await elector.RunAsync(
                    async leading =>
                    {
                        metrics.Leader.Set(1);
                        try
                        {
                            await loop.RunAsync(leading).ConfigureAwait(false);
                        }
                        finally
                        {
                            metrics.Leader.Set(0);
                        }
                    },
                    cts.Token).ConfigureAwait(false);
                if (!cts.IsCancellationRequested)
                {
                    await stderr.WriteLineAsync("external-dns: error: lost leadership; exiting so that a restart campaigns again").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                return ExitCodes.Ok;
            }

            metrics.Leader.Set(1);
            await loop.RunAsync(cts.Token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ControllerLoop.IsConfigurationError(ex))
        {
            await stderr.WriteLineAsync($"external-dns: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"external-dns: error: --metrics-address: cannot listen on {run.MetricsAddress}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static ILoggerFactory CreateLoggerFactory(RunOptions run)
    {
        var level = LogLevels.Parse(run.LogLevel);
        var json = run.JsonLogs;
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(level);
            builder.AddFilter("Microsoft", LogLevel.Warning);
            builder.AddConsole(o =>
            {
                o.LogToStandardErrorThreshold = LogLevel.Trace;
                o.FormatterName = json ? ConsoleFormatterNames.Json : LogfmtConsoleFormatter.FormatterName;
            });
            builder.AddConsoleFormatter<LogfmtConsoleFormatter, ConsoleFormatterOptions>();
            if (json)
            {
                builder.AddJsonConsole(o =>
                {
                    o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                    o.UseUtcTimestamp = true;
                });
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "--{Flag} is accepted for compatibility with upstream ExternalDNS but not supported by this build: {Reason}")]
    private static partial void LogNotSupported(ILogger logger, string flag, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving /healthz and /metrics on {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
