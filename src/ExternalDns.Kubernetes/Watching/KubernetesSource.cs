using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;
using ObjectReference = ExternalDns.Kubernetes.Client.ObjectReference;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Watching;

/// <summary>
/// The live sources (<c>service</c>, <c>ingress</c>, <c>crd</c>, <c>node</c>): informers keep a cache of the objects (only the fields
/// the mapping reads), and each reconcile maps a snapshot of that cache with the same pure functions the manifest source
/// uses. It never gives a partial view: until every cache has synced, and whenever a list is failing, the result is
/// <see cref="SourceResult.NotReady"/> and the controller skips the reconcile.
/// </summary>
public sealed partial class KubernetesSource : ISource, IAsyncDisposable
{
    public static readonly KubeResource DnsEndpointResource = new("externaldns.k8s.io", "v1alpha1", "dnsendpoints", true);

    private readonly KubeApiClient _client;
    private readonly KubernetesSourceOptions _options;
    private readonly KubernetesMapper _mapper;
    private readonly CacheTrimmer _trimmer;
    private readonly ILogger _logger;
    private readonly List<IWatchedCache> _caches = [];
    private readonly Informer<Service, Service>? _services;
    private readonly Informer<Ingress, Ingress>? _ingresses;
    private readonly Informer<DnsEndpoint, DnsEndpoint>? _dnsEndpoints;
    private readonly Informer<Node, Node>? _nodes;
    private readonly Informer<EndpointSlice, EndpointSlice>? _slices;
    private readonly Informer<Pod, Pod>? _pods;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private HashSet<string> _lastWarnings = new(StringComparer.Ordinal);
    private bool _compactedAfterSync;

    public KubernetesSource(KubeApiClient client, KubernetesSourceOptions options, MappingSettings mapping, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _mapper = new KubernetesMapper(mapping);
        _trimmer = new CacheTrimmer(mapping);
        _logger = loggerFactory.CreateLogger<KubernetesSource>();
        var filtered = new InformerOptions { Namespace = NullIfEmpty(options.Namespace), LabelSelector = NullIfEmpty(options.LabelSelector) };
        var all = new InformerOptions { Namespace = NullIfEmpty(options.Namespace) };
        var informerLogger = loggerFactory.CreateLogger("ExternalDns.Kubernetes.Informer");
        var json = KubernetesJsonContext.Default;

        if (options.Services)
        {
            _services = Watch(new Informer<Service, Service>(client, KubeResource.Services, json.Service, Trim, filtered, time, informerLogger), "services");
            if (options.WatchesServiceType("NodePort"))
            {
                _nodes = WatchNodes(client, json, time, informerLogger);
            }

            if (options.WatchesServiceType("ClusterIP"))
            {
                _slices = Watch(new Informer<EndpointSlice, EndpointSlice>(client, KubeResource.EndpointSlices, json.EndpointSlice, Trim, all, time, informerLogger), "endpointslices");
                _pods = Watch(new Informer<Pod, Pod>(client, KubeResource.Pods, json.Pod, Trim, all, time, informerLogger), "pods");
            }
        }

        if (options.Ingresses)
        {
            _ingresses = Watch(new Informer<Ingress, Ingress>(client, KubeResource.Ingresses, json.Ingress, Trim, filtered, time, informerLogger), "ingresses");
        }

        if (options.DnsEndpoints)
        {
            _dnsEndpoints = Watch(new Informer<DnsEndpoint, DnsEndpoint>(client, DnsEndpointResource, json.DnsEndpoint, Trim, filtered, time, informerLogger), "dnsendpoints");
        }

        if (options.Nodes)
        {
            _nodes ??= WatchNodes(client, json, time, informerLogger);
        }
    }

    private interface IWatchedCache
    {
        string Name { get; }

        bool HasSynced { get; }

        bool IsInSync { get; }

        Exception? LastError { get; }

        Task RunAsync(CancellationToken cancellationToken);

        Task WaitForSyncAsync(CancellationToken cancellationToken);
    }

    public string Name => string.Join('+', _caches.Where(c => c.Name is "services" or "ingresses" or "dnsendpoints" || (c.Name == "nodes" && _options.Nodes)).Select(c => c.Name));

    /// <summary>Raised when a watched object changed (for <c>--events</c>). Called on an informer's loop: keep it cheap.</summary>
    public event Action? Changed;

    /// <summary>Raised with the warnings (invalid annotations and the like) that are new since the previous mapping, for Kubernetes Events.</summary>
    public event Action<IReadOnlyList<MappingWarning>>? Warned;

    /// <summary>The objects of the last snapshot by resource label (<c>service/ns/name</c>), for Kubernetes Events.</summary>
    public IReadOnlyDictionary<string, ObjectReference> LastObjects { get; private set; } = new Dictionary<string, ObjectReference>();

    /// <summary>The DNSEndpoints of the last snapshot whose <c>status.observedGeneration</c> lags their generation.</summary>
    public IReadOnlyList<DnsEndpoint> PendingStatus { get; private set; } = [];

    /// <summary>Starts every informer (list, then watch) in the background.</summary>
    public void Start()
    {
        foreach (var cache in _caches)
        {
            _running.Add(Task.Run(() => cache.RunAsync(_stop.Token)));
        }
    }

    /// <summary>True when every cache has synced once (for readiness).</summary>
    public bool HasSynced => _caches.All(c => c.HasSynced);

    public async Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken)
    {
        if (!HasSynced)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.InitialSyncTimeout);
            try
            {
                await Task.WhenAll(_caches.Select(c => c.WaitForSyncAsync(timeout.Token))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var pending = string.Join(", ", _caches.Where(c => !c.HasSynced).Select(c => c.Name));
                return SourceResult.NotReady($"the caches of {pending} have not synced yet");
            }
        }

        if (!_compactedAfterSync && HasSynced)
        {
            // The initial lists decode every object in full before the cache trims it: a burst of garbage many times the
            // size of what stays. Compact once, and give the memory back to the OS, so the process's footprint is what
            // the caches hold rather than the high-water mark of the first list.
            _compactedAfterSync = true;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        var failing = _caches.Where(c => !c.IsInSync).ToList();
        if (failing.Count > 0)
        {
            return SourceResult.NotReady(string.Join("; ", failing.Select(c => $"listing {c.Name} is failing: {c.LastError?.Message ?? "unknown error"}")));
        }

        var set = new KubernetesObjectSet();
        set.Services.AddRange(_services?.List() ?? []);
        set.Ingresses.AddRange(_ingresses?.List() ?? []);
        set.DnsEndpoints.AddRange(_dnsEndpoints?.List() ?? []);
        set.Nodes.AddRange(_nodes?.List() ?? []);
        set.EndpointSlices.AddRange(_slices?.List() ?? []);
        set.Pods.AddRange(_pods?.List() ?? []);

        var output = _mapper.Map(set);
        var unresolved = new HashSet<string>(output.UnresolvedResources, StringComparer.Ordinal);
        AddUndecodable(unresolved, _services, "service");
        AddUndecodable(unresolved, _ingresses, "ingress");
        AddUndecodable(unresolved, _dnsEndpoints, "crd");
        if (_options.Nodes)
        {
            AddUndecodable(unresolved, _nodes, "node");
        }

        LastObjects = Index(set, _options.Nodes);
        PendingStatus = [.. set.DnsEndpoints.Where(d => d.Metadata.Generation > 0 && d.Status.ObservedGeneration != d.Metadata.Generation)];
        ReportWarnings(output.Warnings);
        return new SourceResult(output.Endpoints, isComplete: true, unresolved);
    }

    /// <summary>
    /// Writes <c>status.observedGeneration</c> of the DNSEndpoints processed by the last reconcile (as upstream's crd
    /// source). Failures are logged, never thrown: the status is informative.
    /// </summary>
    public async Task UpdateDnsEndpointStatusAsync(CancellationToken cancellationToken)
    {
        foreach (var d in PendingStatus)
        {
            var patch = $"{{\"status\":{{\"observedGeneration\":{d.Metadata.Generation}}}}}";
            try
            {
                await _client.PatchStatusAsync(DnsEndpointResource, d.Namespace, d.Name, patch, KubernetesJsonContext.Default.DnsEndpoint, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex)
            {
                LogStatusFailed(_logger, d.Namespace, d.Name, ex.Message);
            }
        }

        PendingStatus = [];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The informers stop by cancellation.
        }

        _stop.Dispose();
    }

    private static Dictionary<string, ObjectReference> Index(KubernetesObjectSet set, bool nodes)
    {
        var index = new Dictionary<string, ObjectReference>(StringComparer.Ordinal);
        void Add(KubeObject o, string kind, string apiVersion) =>
            index[new ResourceRef(kind, o.Namespace, o.Name).ResourceLabel] = new ObjectReference
            {
                Kind = kind,
                ApiVersion = apiVersion,
                Namespace = o.Namespace.Length == 0 ? null : o.Namespace,
                Name = o.Name,
                Uid = o.Metadata.Uid,
            };
        set.Services.ForEach(s => Add(s, "Service", "v1"));
        set.Ingresses.ForEach(i => Add(i, "Ingress", "networking.k8s.io/v1"));
        set.DnsEndpoints.ForEach(d => Add(d, "DNSEndpoint", "externaldns.k8s.io/v1alpha1"));
        if (nodes)
        {
            // Cluster-scoped: the label is node/<name>; the Events go to the default namespace.
            set.Nodes.ForEach(n => Add(n, "Node", "v1"));
        }

        return index;
    }

    private static void AddUndecodable<T>(HashSet<string> unresolved, Informer<T, T>? informer, string labelKind)
        where T : class
    {
        if (informer is null)
        {
            return;
        }

        foreach (var key in informer.UndecodableKeys)
        {
            // Informer keys are "namespace/name", and "name" for cluster-scoped objects.
            unresolved.Add($"{labelKind}/{key}");
        }
    }

    private T Trim<T>(T value)
        where T : KubeObject => _trimmer.Trim(value);

    private Informer<Node, Node> WatchNodes(KubeApiClient client, KubernetesJsonContext json, TimeProvider time, ILogger informerLogger) =>
        Watch(new Informer<Node, Node>(client, KubeResource.Nodes, json.Node, Trim, new InformerOptions(), time, informerLogger), "nodes");

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private Informer<T, T> Watch<T>(Informer<T, T> informer, string name)
        where T : class
    {
        informer.Changed += (_, _) => Changed?.Invoke();
        _caches.Add(new WatchedCache<T>(informer, name));
        return informer;
    }

    private void ReportWarnings(IReadOnlyList<MappingWarning> warnings)
    {
        // A warning is logged and raised once while it persists, not on every reconcile (each would be an API call for
        // its Kubernetes Event).
        var current = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<MappingWarning>();
        foreach (var w in warnings)
        {
            var text = w.ToString();
            if (current.Add(text) && !_lastWarnings.Contains(text))
            {
                LogWarning(_logger, text);
                fresh.Add(w);
            }
        }

        _lastWarnings = current;
        if (fresh.Count > 0)
        {
            Warned?.Invoke(fresh);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write status.observedGeneration of DNSEndpoint {Namespace}/{Name}: {Message}")]
    private static partial void LogStatusFailed(ILogger logger, string @namespace, string name, string message);

    private sealed class WatchedCache<T>(Informer<T, T> informer, string name) : IWatchedCache
        where T : class
    {
        public string Name => name;

        public bool HasSynced => informer.HasSynced;

        public bool IsInSync => informer.IsInSync;

        public Exception? LastError => informer.LastError;

        public Task RunAsync(CancellationToken cancellationToken) => informer.RunAsync(cancellationToken);

        public Task WaitForSyncAsync(CancellationToken cancellationToken) => informer.WaitForSyncAsync(cancellationToken);
    }
}
