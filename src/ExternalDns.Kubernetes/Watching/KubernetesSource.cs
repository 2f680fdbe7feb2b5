using System.Text.Json.Serialization.Metadata;
using ExternalDns.Core.Sources;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;
using ObjectReference = ExternalDns.Kubernetes.Client.ObjectReference;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Watching;

/// <summary>
/// The live sources (<c>service</c>, <c>ingress</c>, <c>crd</c>, <c>node</c>, the Gateway API routes,
/// <c>traefik-proxy</c>, <c>istio-gateway</c>, <c>istio-virtualservice</c>, <c>contour-httpproxy</c>, <c>pod</c>):
/// one generic informer per kind (<see cref="KubeKinds"/>) keeps a cache of the objects (only the fields the mapping
/// reads), and each reconcile maps a snapshot of those caches with the same pure functions the manifest source uses.
/// It never gives a partial view: until every cache has synced, and whenever a list is failing, the result is
/// <see cref="SourceResult.NotReady"/> and the controller skips the reconcile. A kind the API server does not serve (a
/// CustomResourceDefinition that is not installed: 404) is the exception: one warning names it, the other sources
/// keep working, and every record owned by the sources that need it is kept as it is (<see cref="SourceResult.UnresolvedKinds"/>)
/// until it is installed.
/// </summary>
public sealed partial class KubernetesSource : ISource, IAsyncDisposable
{
    public static readonly KubeResource DnsEndpointResource = KubeKinds.DnsEndpoints.Resource;

    private static readonly string[] GatewayLabelKinds = ["httproute", "grpcroute", "tlsroute", "tcproute", "udproute"];

    private readonly KubeApiClient _client;
    private readonly KubernetesSourceOptions _options;
    private readonly KubernetesMapper _mapper;
    private readonly CacheTrimmer _trimmer;
    private readonly ILogger _logger;
    private readonly ILogger _informerLogger;
    private readonly TimeProvider _time;
    private readonly List<IWatchedCache> _caches = [];
    private readonly Dictionary<KubeKind, IWatchedCache> _byKind = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly Lock _servedLock = new();
    private HashSet<string> _lastWarnings = new(StringComparer.Ordinal);
    private HashSet<string> _lastNotices = new(StringComparer.Ordinal);
    private bool _compactedAfterSync;

    // False until a pass has waited for the first lists: the change each listed object raises is covered by that pass's
    // read of the caches, and forwarding them (one per object) would bring a second full pass right after the first.
    private volatile bool _forwardChanges;

    public KubernetesSource(KubeApiClient client, KubernetesSourceOptions options, MappingSettings mapping, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _mapper = new KubernetesMapper(mapping) { Incremental = options.IncrementalMerge };
        _trimmer = new CacheTrimmer(mapping);
        _logger = loggerFactory.CreateLogger<KubernetesSource>();
        _informerLogger = loggerFactory.CreateLogger("ExternalDns.Kubernetes.Informer");
        _time = time ?? TimeProvider.System;
        var json = KubernetesJsonContext.Default;
        var ns = NullIfEmpty(options.Namespace);
        var labels = NullIfEmpty(options.LabelSelector);
        var istio = options.IstioGateways || options.IstioVirtualServices;
        var istioKinds = new List<string>();
        if (options.IstioGateways)
        {
            istioKinds.Add("gateway");
        }

        if (options.IstioVirtualServices)
        {
            istioKinds.Add("virtualservice");
        }

        // Services and Ingresses: with --label-filter they are listed filtered, unless Istio needs them unfiltered
        // (an Istio Gateway's Service or Ingress need not carry the route's labels); the mapping filters them then.
        if (options.Services || istio)
        {
            Watch(KubeKinds.Services, json.Service, ns, istio ? null : labels, (set, items) => set.Services.AddRange(items), [.. options.Services ? ["service"] : Array.Empty<string>(), .. istioKinds]);
            if (options.Services && options.WatchesServiceType("NodePort"))
            {
                Watch(KubeKinds.Nodes, json.Node, null, null, (set, items) => set.Nodes.AddRange(items), ["service"]);
            }

            if (options.Services && options.WatchesServiceType("ClusterIP"))
            {
                Watch(KubeKinds.EndpointSlices, json.EndpointSlice, ns, null, (set, items) => set.EndpointSlices.AddRange(items), ["service"]);
                Watch(KubeKinds.Pods, json.Pod, ns, null, (set, items) => set.Pods.AddRange(items), ["service"]);
            }
        }

        if (options.Ingresses || istio)
        {
            Watch(KubeKinds.Ingresses, json.Ingress, ns, istio ? null : labels, (set, items) => set.Ingresses.AddRange(items), [.. options.Ingresses ? ["ingress"] : Array.Empty<string>(), .. istioKinds]);
        }

        if (options.DnsEndpoints)
        {
            Watch(KubeKinds.DnsEndpoints, json.DnsEndpoint, ns, labels, (set, items) => set.DnsEndpoints.AddRange(items), ["crd"]);
        }

        if (options.Nodes)
        {
            Watch(KubeKinds.Nodes, json.Node, null, null, (set, items) => set.Nodes.AddRange(items), ["node"]);
        }

        if (options.Pods)
        {
            // Pods are listed unfiltered (headless services need them all); the mapping applies --label-filter.
            Watch(KubeKinds.Pods, json.Pod, ns, null, (set, items) => set.Pods.AddRange(items), ["pod"]);
            Watch(KubeKinds.Nodes, json.Node, null, null, (set, items) => set.Nodes.AddRange(items), ["pod"]);
        }

        var routeSources = options.GatewayRouteSources.Where(KubeKinds.GatewayRoutesBySource.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        if (routeSources.Count > 0)
        {
            var routeLabelKinds = routeSources.Select(s => KubeKinds.GatewayRoutesBySource[s].Kind.ToLowerInvariant()).ToArray();
            Watch(KubeKinds.Gateways, json.Gateway, NullIfEmpty(options.GatewayNamespace), NullIfEmpty(options.GatewayLabelSelector), (set, items) => set.Gateways.AddRange(items), routeLabelKinds);
            Watch(KubeKinds.Namespaces, json.KubeNamespace, null, null, (set, items) => set.Namespaces.AddRange(items), routeLabelKinds);
            if (options.GatewayListenerSets)
            {
                // As upstream, the Gateway filters do not apply to ListenerSets (only to their parent Gateways).
                Watch(KubeKinds.ListenerSets, json.ListenerSet, null, null, (set, items) => set.ListenerSets.AddRange(items), routeLabelKinds);
            }

            foreach (var source in routeSources)
            {
                var kind = KubeKinds.GatewayRoutesBySource[source];
                Watch(kind, json.GatewayRoute, ns, labels, (set, items) => set.GatewayRoutes.AddRange(items), [kind.Kind.ToLowerInvariant()]);
            }
        }

        if (options.Traefik)
        {
            var traefikKinds = new List<KubeKind>();
            if (!options.TraefikDisableNew)
            {
                traefikKinds.AddRange([KubeKinds.IngressRoutes, KubeKinds.IngressRouteTcps, KubeKinds.IngressRouteUdps]);
            }

            if (options.TraefikEnableLegacy)
            {
                traefikKinds.AddRange([KubeKinds.LegacyIngressRoutes, KubeKinds.LegacyIngressRouteTcps, KubeKinds.LegacyIngressRouteUdps]);
            }

            foreach (var kind in traefikKinds)
            {
                Watch(kind, json.TraefikIngressRoute, ns, labels, (set, items) => set.TraefikRoutes.AddRange(items), [kind.Kind.ToLowerInvariant()]);
            }
        }

        if (istio)
        {
            Watch(KubeKinds.IstioGateways, json.IstioGateway, ns, null, (set, items) => set.IstioGateways.AddRange(items), [.. istioKinds]);
        }

        if (options.IstioVirtualServices)
        {
            Watch(KubeKinds.VirtualServices, json.VirtualService, ns, labels, (set, items) => set.VirtualServices.AddRange(items), ["virtualservice"]);
        }

        if (options.ContourHttpProxies)
        {
            Watch(KubeKinds.HttpProxies, json.HttpProxy, ns, labels, (set, items) => set.HttpProxies.AddRange(items), ["HTTPProxy"]);
        }
    }

    private interface IWatchedCache
    {
        KubeKind Kind { get; }

        string Name { get; }

        /// <summary>The resource label kind of the published objects of this cache (undecodable ones are unresolved), or null.</summary>
        string? LabelKind { get; }

        /// <summary>Resource label kinds whose records depend on this cache.</summary>
        HashSet<string> DependentLabelKinds { get; }

        bool HasSynced { get; }

        bool IsInSync { get; }

        bool IsNotServed { get; }

        Exception? LastError { get; }

        Task RunAsync(CancellationToken cancellationToken);

        Task WaitForSettledAsync(CancellationToken cancellationToken);

        void Fill(KubernetesObjectSet set);

        IReadOnlyCollection<string> UndecodableKeys { get; }

        /// <summary>The resource label kind Kubernetes Events look objects of this cache up by, or null when they do not.</summary>
        string? EventLabelKind { get; }

        KubeObject? TryGet(string? @namespace, string name);
    }

    /// <summary>The published sources' cache names, for logs.</summary>
    public string Name => string.Join('+', _caches.Where(c => c.DependentLabelKinds.Count > 0).Select(c => c.Name));

    /// <summary>The kinds watched (for tests and RBAC checks).</summary>
    public IReadOnlyList<KubeKind> WatchedKinds => [.. _caches.Select(c => c.Kind)];

    /// <summary>
    /// Raised when a watched object changed (for <c>--events</c>). Called on an informer's loop: keep it cheap. Not raised
    /// for the objects of the first lists before the first pass has read the caches (that pass sees them all).
    /// </summary>
    public event Action? Changed;

    /// <summary>Raised with the warnings (invalid annotations and the like) that are new since the previous mapping, for Kubernetes Events.</summary>
    public event Action<IReadOnlyList<MappingWarning>>? Warned;

    /// <summary>
    /// The object a resource label (<c>service/ns/name</c>, <c>node/name</c>, …) names, for Kubernetes Events: looked up in
    /// the watch cache of its kind (the object as the cache holds it now), not in an index of every object rebuilt per pass.
    /// </summary>
    public bool TryGetObject(string resourceLabel, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ObjectReference? reference)
    {
        ArgumentNullException.ThrowIfNull(resourceLabel);
        reference = null;
        var slash = resourceLabel.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return false;
        }

        var kind = resourceLabel[..slash];
        var rest = resourceLabel[(slash + 1)..];
        var second = rest.IndexOf('/', StringComparison.Ordinal);
        var @namespace = second < 0 ? null : rest[..second];
        var name = second < 0 ? rest : rest[(second + 1)..];
        foreach (var cache in _caches)
        {
            if (cache.EventLabelKind == kind && cache.TryGet(@namespace, name) is { } obj)
            {
                reference = new ObjectReference
                {
                    Kind = obj.Kind,
                    ApiVersion = obj.ApiVersion,
                    Namespace = obj.Namespace.Length == 0 ? null : obj.Namespace,
                    Name = obj.Name,
                    Uid = obj.Metadata.Uid,
                };
                return true;
            }
        }

        return false;
    }

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

    /// <summary>True when every cache has synced once, or found its kind is not served (for readiness).</summary>
    public bool HasSynced => _caches.All(c => c.HasSynced || c.IsNotServed);

    public async Task<SourceResult> EndpointsAsync(CancellationToken cancellationToken)
    {
        if (!HasSynced)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.InitialSyncTimeout);
            try
            {
                await Task.WhenAll(_caches.Select(c => c.WaitForSettledAsync(timeout.Token))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The lists still coming in are what should bring the next pass: forward their changes from now on.
                _forwardChanges = true;
                var pending = string.Join(", ", _caches.Where(c => !c.HasSynced && !c.IsNotServed).Select(c => c.Name));
                return SourceResult.NotReady($"the caches of {pending} have not synced yet");
            }
        }

        // Every change raised before this point is in the caches this pass reads below.
        _forwardChanges = true;

        if (!_compactedAfterSync && HasSynced)
        {
            // The initial lists leave the garbage of decoding every page behind (each object in full before the trimmer
            // keeps a part of it). Compacting once here, before the first reconcile allocates on top of it, lowers the
            // peak (measured: 193 vs 198 MiB at 10k + 10k, docs/benchmarks-kubernetes.md); the controller compacts
            // once more after the first reconcile for the settled footprint.
            _compactedAfterSync = true;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        var failing = _caches.Where(c => !c.IsInSync && !c.IsNotServed).ToList();
        if (failing.Count > 0)
        {
            return SourceResult.NotReady(string.Join("; ", failing.Select(c => $"listing {c.Name} is failing: {c.LastError?.Message ?? "unknown error"}")));
        }

        var set = new KubernetesObjectSet();
        var unresolvedKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cache in _caches)
        {
            if (cache.IsNotServed)
            {
                unresolvedKinds.UnionWith(cache.DependentLabelKinds);
                continue;
            }

            cache.Fill(set);
        }

        var output = _mapper.Map(set);
        var unresolved = new HashSet<string>(output.UnresolvedResources, StringComparer.Ordinal);
        foreach (var cache in _caches.Where(c => c.LabelKind is not null && !c.IsNotServed))
        {
            foreach (var key in cache.UndecodableKeys)
            {
                // Informer keys are "namespace/name", and "name" for cluster-scoped objects.
                unresolved.Add($"{cache.LabelKind}/{key}");
            }
        }

        PendingStatus = [.. set.DnsEndpoints.Where(d => d.Metadata.Generation > 0 && d.Status.ObservedGeneration != d.Metadata.Generation)];
        ReportWarnings(output.Warnings);
        ReportNotices(output.Notices);
        var complete = output.IncompleteReasons.Count == 0;
        return new SourceResult(output.Endpoints, complete, unresolved, complete ? null : string.Join("; ", output.IncompleteReasons))
        {
            UnresolvedKinds = unresolvedKinds,
            InvalidEndpoints = output.InvalidEndpoints,
            DeduplicatedEndpoints = output.DeduplicatedEndpoints,
        };
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

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    /// <summary>
    /// Registers a cache of <paramref name="kind"/> (one per kind: a second registration only adds its dependent label
    /// kinds). <paramref name="dependentLabelKinds"/> are the resource label kinds whose records depend on it.
    /// </summary>
    private void Watch<T>(KubeKind kind, JsonTypeInfo<T> typeInfo, string? @namespace, string? labelSelector,
        Action<KubernetesObjectSet, IReadOnlyList<T>> fill, IEnumerable<string> dependentLabelKinds)
        where T : KubeObject
    {
        if (_byKind.TryGetValue(kind, out var existing))
        {
            existing.DependentLabelKinds.UnionWith(dependentLabelKinds);
            return;
        }

        var defaults = _options.InformerDefaults ?? new InformerOptions();
        var informerOptions = new InformerOptions
        {
            Namespace = kind.Resource.Namespaced ? @namespace : null,
            LabelSelector = labelSelector,
            PageSize = defaults.PageSize,
            MinWatchTimeout = defaults.MinWatchTimeout,
            InitialBackoff = defaults.InitialBackoff,
            MaxBackoff = defaults.MaxBackoff,
            WatchFailuresBeforeRelist = defaults.WatchFailuresBeforeRelist,
        };
        T Transform(T obj)
        {
            // List items of built-in kinds carry no kind/apiVersion: the mapping needs them (route kinds, traefik groups).
            obj.Kind = kind.Kind;
            obj.ApiVersion = kind.ApiVersion;
            return _trimmer.Trim(obj);
        }

        var informer = new Informer<T, T>(_client, kind.Resource, typeInfo, Transform, informerOptions, _time, _informerLogger);
        var labelKind = LabelKindOf(kind);
        var cache = new WatchedCache<T>(informer, kind, labelKind, EventLabelKindOf(kind), fill);
        cache.DependentLabelKinds.UnionWith(dependentLabelKinds);
        informer.Changed += (_, _) =>
        {
            if (_forwardChanges)
            {
                Changed?.Invoke();
            }
        };
        informer.ServedStateChanged += (_, _) => OnServedStateChanged(cache);
        _caches.Add(cache);
        _byKind[kind] = cache;
    }

    /// <summary>
    /// The resource label kind Events find objects of <paramref name="kind"/> by: the kind the mapping writes into the
    /// <c>resource</c> label (Nodes and Pods only when their sources are on; EndpointSlices and Namespaces never).
    /// </summary>
    private string? EventLabelKindOf(KubeKind kind)
    {
        if (kind == KubeKinds.Nodes)
        {
            return _options.Nodes ? "node" : null;
        }

        if (kind == KubeKinds.Pods)
        {
            return _options.Pods ? "pod" : null;
        }

        if (kind == KubeKinds.EndpointSlices || kind == KubeKinds.Namespaces)
        {
            return null;
        }

        // Gateway API Gateways and Istio Gateways share the kind name; the mapping labels the former with its group.
        return ResourceRef.LabelKind(kind == KubeKinds.Gateways ? "Gateway." + KubeKinds.GatewayGroup : kind.Kind);
    }

    /// <summary>The resource label kind of objects this source publishes (undecodable ones become unresolved), or null.</summary>
    private string? LabelKindOf(KubeKind kind)
    {
        if (kind == KubeKinds.Services)
        {
            return _options.Services ? "service" : null;
        }

        if (kind == KubeKinds.Ingresses)
        {
            return _options.Ingresses ? "ingress" : null;
        }

        if (kind == KubeKinds.Nodes)
        {
            return _options.Nodes ? "node" : null;
        }

        if (kind == KubeKinds.DnsEndpoints)
        {
            return "crd";
        }

        if (kind == KubeKinds.IstioGateways)
        {
            return _options.IstioGateways ? "gateway" : null;
        }

        if (kind == KubeKinds.Pods || kind == KubeKinds.EndpointSlices || kind == KubeKinds.Namespaces || kind == KubeKinds.Gateways || kind == KubeKinds.ListenerSets)
        {
            // Pod records carry no resource label; the others publish nothing themselves.
            return null;
        }

        return ResourceRef.LabelKind(kind.Kind);
    }

    private void OnServedStateChanged(IWatchedCache cache)
    {
        lock (_servedLock)
        {
            var kinds = string.Join(", ", cache.DependentLabelKinds.Order(StringComparer.Ordinal).Select(k => k + "/…"));
            if (cache.IsNotServed)
            {
                LogNotServed(_logger, cache.Kind.Kind, cache.Kind.DefinitionName, cache.Kind.ApiVersion, kinds.Length == 0 ? "none" : kinds);
            }
            else
            {
                LogServedAgain(_logger, cache.Kind.Kind, cache.Kind.DefinitionName, cache.Kind.ApiVersion);
            }
        }

        Changed?.Invoke();
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

    private void ReportNotices(IReadOnlyList<MappingWarning> notices)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in notices)
        {
            var text = n.ToString();
            if (current.Add(text) && !_lastNotices.Contains(text))
            {
                LogNotice(_logger, text);
            }
        }

        _lastNotices = current;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Notice}")]
    private static partial void LogNotice(ILogger logger, string notice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} is not served by the API server (404 for {Definition}, version {ApiVersion}): is its CustomResourceDefinition installed? The other sources keep working; the records of {Kinds} are kept unchanged until it is")]
    private static partial void LogNotServed(ILogger logger, string kind, string definition, string apiVersion, string kinds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Kind} ({Definition}, version {ApiVersion}) is served now; its records are synced again")]
    private static partial void LogServedAgain(ILogger logger, string kind, string definition, string apiVersion);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write status.observedGeneration of DNSEndpoint {Namespace}/{Name}: {Message}")]
    private static partial void LogStatusFailed(ILogger logger, string @namespace, string name, string message);

    private sealed class WatchedCache<T>(Informer<T, T> informer, KubeKind kind, string? labelKind, string? eventLabelKind, Action<KubernetesObjectSet, IReadOnlyList<T>> fill) : IWatchedCache
        where T : KubeObject
    {
        public string? EventLabelKind => eventLabelKind;

        public KubeObject? TryGet(string? @namespace, string name) => informer.TryGet(@namespace, name, out var value) ? value : null;

        public KubeKind Kind => kind;

        public string Name => kind.DefinitionName;

        public string? LabelKind => labelKind;

        public HashSet<string> DependentLabelKinds { get; } = new(StringComparer.Ordinal);

        public bool HasSynced => informer.HasSynced;

        public bool IsInSync => informer.IsInSync;

        public bool IsNotServed => informer.IsNotServed;

        public Exception? LastError => informer.LastError;

        public IReadOnlyCollection<string> UndecodableKeys => informer.UndecodableKeys;

        public Task RunAsync(CancellationToken cancellationToken) => informer.RunAsync(cancellationToken);

        public Task WaitForSettledAsync(CancellationToken cancellationToken) => informer.WaitForSettledAsync(cancellationToken);

        public void Fill(KubernetesObjectSet set) => fill(set, informer.List());
    }
}
