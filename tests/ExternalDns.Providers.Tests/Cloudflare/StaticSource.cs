using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;

namespace ExternalDns.Providers.Tests.Cloudflare;

/// <summary>A source whose desired endpoints the test sets; each run gets fresh copies (as a real source builds them).</summary>
public sealed class StaticSource : ISource
{
    public List<Endpoint> Endpoints { get; } = [];

    public string Name => "static";

    public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SourceResult([.. Endpoints.Select(e => e.Clone())]));
}
