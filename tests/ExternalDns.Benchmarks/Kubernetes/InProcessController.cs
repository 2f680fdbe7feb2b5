using ExternalDns.Cli;
using ExternalDns.Composition;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Watching;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// The controller of <c>external-dns --events</c>, composed in-process the way <c>ExternalDnsApp</c> composes it (flags
/// parsed and validated by the real parser, the Kubernetes client and live source from <c>KubernetesComposer</c>, the
/// source pipeline, the TXT registry, <c>Reconciler</c>, <c>ControllerLoop</c>, <c>KubernetesHooks</c> for Events and
/// <c>--events</c>), with one difference: the in-memory provider is wrapped in a <see cref="TimestampingProvider"/>.
/// </summary>
internal sealed class InProcessController : IAsyncDisposable
{
    private readonly AppComponents _components;
    private readonly KubernetesHooks _hooks;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loopTask;

    private InProcessController(ParsedFlags flags, ILoggerFactory loggerFactory)
    {
        var time = TimeProvider.System;
        var client = KubernetesComposer.Client(flags, _ => null, loggerFactory, time);
        Live = KubernetesComposer.Source(flags, client, loggerFactory, time);
        Provider = new TimestampingProvider(new InMemoryProvider(new InMemoryProviderOptions { Zones = flags.List("inmemory-zone") }));
        var registry = new TxtRegistry(Provider, AppComposer.TxtOptions(flags), time, loggerFactory.CreateLogger<TxtRegistry>());
        var source = new SourcePipeline([Live], flags.Duration("min-ttl"));
        _components = new AppComponents(source, Provider, registry) { Kubernetes = client, Live = Live };
        var metrics = new ControllerMetrics(new MetricRegistry());
        Reconciler = new Reconciler(source, registry, AppComposer.ControllerOptions(flags), metrics, time, loggerFactory.CreateLogger<Reconciler>());
        _hooks = KubernetesHooks.Create(_components, KubernetesComposer.HooksOptions(flags, _ => null), loggerFactory, time);
        Loop = new ControllerLoop(Reconciler, metrics, time, loggerFactory.CreateLogger<ControllerLoop>()) { AfterReconcile = _hooks.AfterReconcileAsync };
        if (flags.Bool("events"))
        {
            _hooks.OnChange(Loop.RequestReconcile);
        }
    }

    public KubernetesSource Live { get; }

    public TimestampingProvider Provider { get; }

    public Reconciler Reconciler { get; }

    public ControllerLoop Loop { get; }

    public static InProcessController Create(IReadOnlyList<string> args, ILoggerFactory loggerFactory)
    {
        var flags = FlagParser.Parse(args, _ => null);
        FlagValidation.Validate(flags);
        return new InProcessController(flags, loggerFactory);
    }

    /// <summary>Starts the informers (as <c>ExternalDnsApp</c> does before the loop).</summary>
    public void StartInformers() => Live.Start();

    /// <summary>Starts the loop; its first pass runs at once (and waits for the caches to sync).</summary>
    public void StartLoop() => _loopTask = Task.Run(() => Loop.RunAsync(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loopTask is not null)
        {
            try
            {
                await _loopTask.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        Loop.Dispose();
        await _hooks.DisposeAsync().ConfigureAwait(false);
        await _components.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
