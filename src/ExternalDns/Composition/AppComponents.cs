using ExternalDns.Core.Controller;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Watching;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;

namespace ExternalDns.Composition;

/// <summary>The composed pipeline: source, provider and the registry over it. Disposes what it owns.</summary>
public sealed class AppComponents(ISource source, IDnsProvider provider, IRegistry registry) : IAsyncDisposable
{
    /// <summary>The Kubernetes API client, when a live source or leader election needs one.</summary>
    public KubeApiClient? Kubernetes { get; init; }

    /// <summary>The live source (service, ingress, crd), when configured.</summary>
    public KubernetesSource? Live { get; init; }

    /// <summary>How the command runs (once or loop, output, metrics address, logging).</summary>
    public RunOptions Run { get; init; } = new();

    /// <summary>The reconcile's options (policy, filters, intervals, dry run).</summary>
    public ControllerOptions Controller { get; init; } = new();

    /// <summary>Events, leader election and client settings for <see cref="KubernetesHooks"/>.</summary>
    public KubernetesHooksOptions Hooks { get; init; } = new();

    /// <summary>The providers' shared HTTP retry budget; reset at the start of every reconcile. Null without HTTP providers.</summary>
    public RetryBudget? RetryBudget { get; init; }

    public ISource Source { get; } = source;

    public IDnsProvider Provider { get; } = provider;

    public IRegistry Registry { get; } = registry;

    public async ValueTask DisposeAsync()
    {
        foreach (var part in new object?[] { Registry, Provider, Source, Live, Kubernetes }.OfType<object>().Distinct())
        {
            switch (part)
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
}
