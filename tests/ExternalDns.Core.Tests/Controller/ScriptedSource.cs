using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Sources;

namespace ExternalDns.Core.Tests.Controller;

/// <summary>A source whose answer (or failure) the test sets; counts calls.</summary>
internal sealed class ScriptedSource : ISource
{
    public string Name => "scripted";

    public List<Endpoint> Endpoints { get; set; } = [];

    public Func<Exception?> Fail { get; set; } = () => null;

    public int Calls;

    public Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Calls);
        if (Fail() is { } ex)
        {
            throw ex;
        }

        return Task.FromResult(new SourceResult([.. Endpoints.Select(e => e.Clone())]));
    }
}
