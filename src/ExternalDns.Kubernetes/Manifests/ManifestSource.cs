using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Sources;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Manifests;

/// <summary>
/// A source that reads Kubernetes objects from manifest files instead of the API (upstream has none): useful for
/// GitOps checks, dry runs and the quick start. Files are re-read on every call, so edits are picked up on the next
/// reconcile. Services, Ingresses, DNSEndpoints, Gateway API routes, Traefik IngressRoutes, Istio Gateways and
/// VirtualServices and Contour HTTPProxies are mapped exactly as their live sources map them (Nodes, EndpointSlices and
/// Pods feed NodePort and headless services; Gateways, ListenerSets and Namespaces feed routes). Nodes and Pods are
/// published themselves only with <see cref="MappingOptions.PublishNodes"/> (<c>--manifest-publish-nodes</c>) and
/// <see cref="MappingOptions.PublishPods"/> (<c>--manifest-publish-pods</c>).
/// </summary>
public sealed partial class ManifestSource : ISource
{
    private readonly ManifestSourceOptions _options;
    private readonly KubernetesMapper _mapper;
    private readonly ManifestReader _reader;
    private readonly ILogger<ManifestSource> _logger;

    /// <summary>Throws <see cref="ArgumentException"/> when an option is invalid (see <see cref="MappingSettings.Create"/>).</summary>
    public ManifestSource(ManifestSourceOptions options, MappingOptions mapping, ILogger<ManifestSource> logger, IManifestFileSystem? fileSystem = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.Paths.Count == 0)
        {
            throw new ArgumentException("the manifest source needs at least one --manifest-path", nameof(options));
        }

        _options = options;
        _mapper = new KubernetesMapper(MappingSettings.Create(mapping));
        _reader = new ManifestReader(fileSystem ?? PhysicalManifestFileSystem.Instance, options.SyntaxErrorMakesIncomplete, mapping.PublishNodes, mapping.PublishPods);
        _logger = logger;
    }

    public string Name => "manifest";

    public async Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken)
    {
        var collection = await CollectAsync(cancellationToken).ConfigureAwait(false);
        foreach (var w in collection.FileWarnings)
        {
            LogFileWarning(w.File, w.Document, w.Object ?? string.Empty, w.Message);
        }

        foreach (var w in collection.MappingWarnings)
        {
            LogMappingWarning(w.Object.ResourceLabel, w.Message);
        }

        foreach (var n in collection.Notices)
        {
            LogNotice(n.Object.ResourceLabel, n.Message);
        }

        var result = collection.Result;
        if (!result.IsComplete)
        {
            LogIncomplete(result.IncompleteReason ?? string.Empty);
        }

        LogCollected(result.Endpoints.Count, result.UnresolvedResources.Count);
        return result;
    }

    /// <summary>Reads and maps the manifests without logging; the warnings are returned as data.</summary>
    public async Task<ManifestCollection> CollectAsync(CancellationToken cancellationToken)
    {
        var read = await _reader.ReadAsync(_options.Paths, cancellationToken).ConfigureAwait(false);
        var mapped = _mapper.Map(read.Objects);
        var unresolved = new HashSet<string>(mapped.UnresolvedResources, StringComparer.Ordinal);
        unresolved.UnionWith(read.UnreadableResources);
        var reasons = read.IncompleteReasons.Concat(mapped.IncompleteReasons).ToList();
        var complete = reasons.Count == 0;
        var result = new SourceResult(mapped.Endpoints, complete, unresolved, complete ? null : string.Join("; ", reasons))
        {
            UnresolvedKinds = read.UnreadableKinds,
            InvalidEndpoints = mapped.InvalidEndpoints,
            DeduplicatedEndpoints = mapped.DeduplicatedEndpoints,
        };
        return new ManifestCollection(result, read.Warnings, mapped.Warnings) { Notices = mapped.Notices };
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Manifest {File} document {Document} {Object}: {Problem}")]
    private partial void LogFileWarning(string file, int? document, string @object, string problem);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Resource {Resource}: {Problem}")]
    private partial void LogMappingWarning(string resource, string problem);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Manifest source view is incomplete, no records will be deleted: {Reason}")]
    private partial void LogIncomplete(string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Resource {Resource}: {Note}")]
    private partial void LogNotice(string resource, string note);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Manifest source produced {Count} endpoints, {Unresolved} unresolved resources")]
    private partial void LogCollected(int count, int unresolved);
}
