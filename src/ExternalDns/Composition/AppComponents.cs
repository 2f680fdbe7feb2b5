using ExternalDns.Core.Providers;
using ExternalDns.Core.Registry;
using ExternalDns.Core.Sources;

namespace ExternalDns.Composition;

/// <summary>The composed pipeline: source, provider and the registry over it. Disposes what it owns.</summary>
public sealed class AppComponents(ISource source, IDnsProvider provider, IRegistry registry) : IAsyncDisposable
{
    public ISource Source { get; } = source;

    public IDnsProvider Provider { get; } = provider;

    public IRegistry Registry { get; } = registry;

    public async ValueTask DisposeAsync()
    {
        foreach (var part in new object[] { Registry, Provider, Source }.Distinct())
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
