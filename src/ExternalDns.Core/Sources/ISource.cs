namespace ExternalDns.Core.Sources;

/// <summary>
/// Produces the desired endpoints (upstream's <c>Source</c>). A source also says what it does not know:
/// see <see cref="SourceResult"/>.
/// </summary>
public interface ISource
{
    /// <summary>A short name for logs and metrics, such as <c>ingress</c> or <c>manifest</c>.</summary>
    string Name { get; }

    Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken);
}
