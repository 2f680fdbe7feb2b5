using System.Globalization;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// The resource types the emulator serves. <see cref="CreateDefault"/> has the types ExternalDns reads and writes;
/// <see cref="Add"/> registers another one (before or after start).
/// </summary>
public sealed class KubeResourceCatalog
{
    private readonly List<KubeResourceType> _types = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<KubeResourceType> Types
    {
        get
        {
            lock (_lock)
            {
                return [.. _types];
            }
        }
    }

    public static KubeResourceCatalog CreateDefault()
    {
        var catalog = new KubeResourceCatalog();
        catalog.Add(new("", "v1", "namespaces", "Namespace", false) { ShortNames = ["ns"], HasStatus = true, Defaulter = DefaultNamespace, Columns = [new("Status", "status.phase")] });
        catalog.Add(new("", "v1", "services", "Service", true) { ShortNames = ["svc"], Categories = ["all"], HasStatus = true, Defaulter = DefaultService, Columns = [new("Type", "spec.type"), new("Cluster-IP", "spec.clusterIP"), new("External-IP", "spec.externalIPs")] });
        catalog.Add(new("", "v1", "nodes", "Node", false) { ShortNames = ["no"], HasStatus = true, StatusSettableOnCreate = true });
        catalog.Add(new("", "v1", "pods", "Pod", true) { ShortNames = ["po"], Categories = ["all"], HasStatus = true, Columns = [new("Status", "status.phase"), new("IP", "status.podIP", Priority: 1)] });
        catalog.Add(new("", "v1", "events", "Event", true) { ShortNames = ["ev"] });
        catalog.Add(new("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true) { Columns = [new("AddressType", "addressType")] });
        catalog.Add(new("networking.k8s.io", "v1", "ingresses", "Ingress", true) { ShortNames = ["ing"], HasStatus = true, HasGeneration = true, Columns = [new("Class", "spec.ingressClassName")] });
        catalog.Add(new("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false) { Columns = [new("Controller", "spec.controller")] });
        catalog.Add(new("externaldns.k8s.io", "v1alpha1", "dnsendpoints", "DNSEndpoint", true) { HasStatus = true, HasGeneration = true, IsCustom = true });
        catalog.Add(new("externaldns.k8s.io", "v1alpha1", "dnsrecords", "DNSRecord", true) { HasStatus = true, HasGeneration = true, IsCustom = true, Columns = [new("DNS Name", "spec.endpoint.dnsName"), new("Type", "spec.endpoint.recordType")] });
        catalog.Add(new("coordination.k8s.io", "v1", "leases", "Lease", true) { Columns = [new("Holder", "spec.holderIdentity")] });
        catalog.Add(new("events.k8s.io", "v1", "events", "Event", true) { ShortNames = ["ev"] });
        foreach (var type in CustomResourceTypes())
        {
            catalog.Add(type);
        }

        return catalog;
    }

    /// <summary>
    /// The custom resources of the ingress controllers ExternalDns reads, as their CRDs register them: the Gateway API
    /// (v1 and v1alpha2), Traefik (both API groups), Istio and Contour. Every one keeps metadata.generation and has a
    /// status subresource, as their CRDs declare; <see cref="Remove"/> one to emulate a CRD that is not installed.
    /// </summary>
    public static IReadOnlyList<KubeResourceType> CustomResourceTypes()
    {
        const string gw = "gateway.networking.k8s.io";
        KubeResourceType Crd(string group, string version, string plural, string kind, string[]? shortNames = null, params KubeTableColumn[] columns) =>
            new(group, version, plural, kind, true) { ShortNames = shortNames ?? [], HasStatus = true, HasGeneration = true, IsCustom = true, Columns = columns };
        return
        [
            Crd(gw, "v1", "gateways", "Gateway", ["gtw"], new KubeTableColumn("Class", "spec.gatewayClassName")),
            Crd(gw, "v1", "listenersets", "ListenerSet", ["lset"]),
            Crd(gw, "v1", "httproutes", "HTTPRoute", null, new KubeTableColumn("Hostnames", "spec.hostnames")),
            Crd(gw, "v1", "grpcroutes", "GRPCRoute", null, new KubeTableColumn("Hostnames", "spec.hostnames")),
            Crd(gw, "v1", "tlsroutes", "TLSRoute", null, new KubeTableColumn("Hostnames", "spec.hostnames")),
            Crd(gw, "v1alpha2", "tcproutes", "TCPRoute"),
            Crd(gw, "v1alpha2", "udproutes", "UDPRoute"),
            Crd("traefik.io", "v1alpha1", "ingressroutes", "IngressRoute"),
            Crd("traefik.io", "v1alpha1", "ingressroutetcps", "IngressRouteTCP"),
            Crd("traefik.io", "v1alpha1", "ingressrouteudps", "IngressRouteUDP"),
            Crd("traefik.containo.us", "v1alpha1", "ingressroutes", "IngressRoute"),
            Crd("traefik.containo.us", "v1alpha1", "ingressroutetcps", "IngressRouteTCP"),
            Crd("traefik.containo.us", "v1alpha1", "ingressrouteudps", "IngressRouteUDP"),
            Crd("networking.istio.io", "v1", "gateways", "Gateway", ["gw"]),
            Crd("networking.istio.io", "v1", "virtualservices", "VirtualService", ["vs"], new KubeTableColumn("Hosts", "spec.hosts")),
            Crd("projectcontour.io", "v1", "httpproxies", "HTTPProxy", ["proxy", "proxies"], new KubeTableColumn("FQDN", "spec.virtualhost.fqdn")),
        ];
    }

    /// <summary>
    /// Stops serving a type (by <c>plural.group</c> and version, or every version when <paramref name="version"/> is
    /// null): discovery no longer lists it and its paths answer 404, as when its CRD is not installed. Objects stored
    /// meanwhile are kept and served again once it is <see cref="Add"/>ed back. Returns the removed types.
    /// </summary>
    public IReadOnlyList<KubeResourceType> Remove(string key, string? version = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        lock (_lock)
        {
            var removed = _types.Where(t => t.Key == key && (version is null || t.Version == version)).ToList();
            if (removed.Count == 0)
            {
                throw new ArgumentException($"resource {key} is not registered", nameof(key));
            }

            _types.RemoveAll(removed.Contains);
            return removed;
        }
    }

    public void Add(KubeResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (_lock)
        {
            if (_types.Any(t => t.Key == type.Key && t.Version == type.Version))
            {
                throw new InvalidOperationException($"resource {type.Key}/{type.Version} is already registered");
            }

            _types.Add(type);
        }
    }

    /// <summary>The type served at <paramref name="groupVersion"/> with the plural <paramref name="plural"/>.</summary>
    public KubeResourceType? Find(string groupVersion, string plural)
    {
        lock (_lock)
        {
            return _types.FirstOrDefault(t => t.GroupVersion == groupVersion && t.Plural == plural);
        }
    }

    /// <summary>Resolves a name as kubectl does: plural, singular, kind, short name, or <c>plural.group</c>
    /// (case-insensitive); the core group wins an ambiguity (<c>events</c>).</summary>
    public KubeResourceType Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
        {
            var match = _types.FirstOrDefault(t => t.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? _types.FirstOrDefault(t => Matches(t, name));
            return match ?? throw new ArgumentException($"unknown resource type '{name}'", nameof(name));
        }
    }

    /// <summary>The type of an object from its <c>apiVersion</c> and <c>kind</c>.</summary>
    public KubeResourceType ResolveKind(string apiVersion, string kind)
    {
        lock (_lock)
        {
            return _types.FirstOrDefault(t => t.GroupVersion == apiVersion && t.Kind == kind)
                ?? throw new ArgumentException($"unknown kind {apiVersion}/{kind}", nameof(kind));
        }
    }

    private static bool Matches(KubeResourceType type, string name) =>
        type.Plural.Equals(name, StringComparison.OrdinalIgnoreCase)
        || type.Singular.Equals(name, StringComparison.OrdinalIgnoreCase)
        || type.Kind.Equals(name, StringComparison.OrdinalIgnoreCase)
        || type.ShortNames.Any(s => s.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static void DefaultNamespace(JsonObject ns)
    {
        ns["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        ns["status"] = new JsonObject { ["phase"] = "Active" };
    }

    private static int _nextClusterIp = 10;

    private static void DefaultService(JsonObject service)
    {
        if (service["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            service["spec"] = spec;
        }

        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        var type = KubeJson.GetString(spec, "type");
        if (type != "ExternalName" && spec["clusterIP"] is null)
        {
            var n = Interlocked.Increment(ref _nextClusterIp);
            var ip = string.Create(CultureInfo.InvariantCulture, $"10.96.{(n / 250) % 250}.{(n % 250) + 1}");
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }

        if (spec["ports"] is JsonArray ports)
        {
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
                port["targetPort"] ??= port["port"]?.DeepClone();
            }
        }
    }
}
