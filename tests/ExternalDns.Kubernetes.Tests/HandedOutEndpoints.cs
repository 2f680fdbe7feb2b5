using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>
/// Checks the producer side of <c>SourceResult.Endpoints</c> being read-only: what a mapping pass handed out is left as it
/// was by the next pass (its rendering is unchanged), and counts the endpoint instances a pass hands out again.
/// </summary>
internal sealed class HandedOutEndpoints(Func<MappingOutput, string> render)
{
    private MappingOutput? _previous;
    private string _previousRendering = string.Empty;

    /// <summary>Endpoint instances handed out again by a later pass.</summary>
    public int Shared { get; private set; }

    public void Check(MappingOutput output)
    {
        if (_previous is not null)
        {
            Assert.Equal(_previousRendering, render(_previous));
            var before = new HashSet<Endpoint>(_previous.Endpoints, ReferenceEqualityComparer.Instance);
            Shared += output.Endpoints.Count(before.Contains);
        }

        _previous = output;
        _previousRendering = render(output);
    }
}
