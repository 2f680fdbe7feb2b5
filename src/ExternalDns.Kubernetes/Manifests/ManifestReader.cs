using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;
using YamlDotNet.Core;

namespace ExternalDns.Kubernetes.Manifests;

/// <summary>
/// Reads manifest files into a <see cref="KubernetesObjectSet"/>: multi-document YAML (<c>---</c>), JSON, <c>kind: List</c>
/// (and <c>…List</c>) items; Service, Ingress, DNSEndpoint, Node, EndpointSlice, Pod, Namespace, the Gateway API's
/// Gateway, ListenerSet, HTTPRoute, GRPCRoute, TLSRoute, TCPRoute and UDPRoute, Traefik's IngressRoute, IngressRouteTCP
/// and IngressRouteUDP (both API groups), Istio's Gateway and VirtualService and Contour's HTTPProxy, status included.
/// <list type="bullet">
/// <item>A path that does not exist or a file that cannot be read: an incomplete reason (the planner deletes nothing).</item>
/// <item>A file that is not valid YAML/JSON: an incomplete reason (or only a warning, see <see cref="ManifestSourceOptions.SyntaxErrorMakesIncomplete"/>).</item>
/// <item>An unknown kind or apiVersion, a document that is not an object, an object without a name: a warning; the object is ignored.</item>
/// <item>A published object (or a Node, when <paramref name="mapsNodes"/> is set) whose fields have the wrong type: a warning, and the object is unresolved (its records are kept). An unreadable object others depend on (a Gateway for its routes, a Service for Istio Gateways) makes the dependent kinds unresolved.</item>
/// </list>
/// Objects without a namespace get <c>default</c>, as <c>kubectl apply</c> gives them. When the same object appears
/// twice, the later one wins (as with <c>kubectl apply</c>) and a warning names both places.
/// </summary>
/// <param name="fileSystem">Where the manifests are read from.</param>
/// <param name="syntaxErrorMakesIncomplete">See <see cref="ManifestSourceOptions.SyntaxErrorMakesIncomplete"/>.</param>
/// <param name="mapsNodes">True when Nodes are published themselves (<see cref="MappingOptions.PublishNodes"/>), so an unreadable Node is unresolved.</param>
/// <param name="mapsPods">True when Pods are published themselves (<see cref="MappingOptions.PublishPods"/>), so an unreadable Pod makes the view incomplete (pod records carry no resource label).</param>
public sealed class ManifestReader(IManifestFileSystem fileSystem, bool syntaxErrorMakesIncomplete = true, bool mapsNodes = false, bool mapsPods = false)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private readonly IManifestFileSystem _fs = fileSystem ?? throw new ArgumentNullException(nameof(fileSystem));

    public async Task<ManifestReadResult> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var state = new State();
        foreach (var path in paths)
        {
            foreach (var file in ExpandPath(path, state))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string text;
                try
                {
                    text = await _fs.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    state.Incomplete.Add($"cannot read manifest file '{file}': {e.Message}");
                    continue;
                }

                AddText(file, text, state);
            }
        }

        var set = new KubernetesObjectSet();
        foreach (var item in state.Objects.Values)
        {
            switch (item.Object)
            {
                case Service o: set.Services.Add(o); break;
                case Ingress o: set.Ingresses.Add(o); break;
                case DnsEndpoint o: set.DnsEndpoints.Add(o); break;
                case Node o: set.Nodes.Add(o); break;
                case EndpointSlice o: set.EndpointSlices.Add(o); break;
                case Pod o: set.Pods.Add(o); break;
                case KubeNamespace o: set.Namespaces.Add(o); break;
                case Gateway o: set.Gateways.Add(o); break;
                case ListenerSet o: set.ListenerSets.Add(o); break;
                case GatewayRoute o: set.GatewayRoutes.Add(o); break;
                case TraefikIngressRoute o: set.TraefikRoutes.Add(o); break;
                case IstioGateway o: set.IstioGateways.Add(o); break;
                case VirtualService o: set.VirtualServices.Add(o); break;
                case HttpProxy o: set.HttpProxies.Add(o); break;
            }
        }

        // Only kinds the manifests hold matter (an unreadable Service does not concern anyone without Istio objects).
        var present = new HashSet<string>(StringComparer.Ordinal);
        present.UnionWith(set.GatewayRoutes.Select(r => ResourceRef.LabelKind(r.Kind ?? string.Empty)));
        present.UnionWith(set.IstioGateways.Select(_ => "gateway"));
        present.UnionWith(set.VirtualServices.Select(_ => "virtualservice"));
        state.UnreadableKinds.IntersectWith(present);
        return new ManifestReadResult(set, state.Warnings, state.Incomplete, state.Unreadable) { UnreadableKinds = state.UnreadableKinds };
    }

    private IEnumerable<string> ExpandPath(string path, State state)
    {
        if (_fs.FileExists(path))
        {
            return [path];
        }

        if (!_fs.DirectoryExists(path))
        {
            state.Incomplete.Add($"manifest path '{path}' does not exist");
            return [];
        }

        try
        {
            return [.. _fs.EnumerateFiles(path)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase) && !IsHidden(Path.GetRelativePath(path, f)))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            state.Incomplete.Add($"cannot list manifest directory '{path}': {e.Message}");
            return [];
        }
    }

    private static bool IsHidden(string relative) =>
        relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part.StartsWith('.') && part is not ("." or ".."));

    private void AddText(string file, string text, State state)
    {
        List<JsonNode?> documents;
        try
        {
            documents = string.Equals(Path.GetExtension(file), ".json", StringComparison.OrdinalIgnoreCase)
                ? [JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })]
                : YamlJson.ParseDocuments(text);
        }
        catch (Exception e) when (e is YamlException or JsonException)
        {
            var message = e is YamlException y
                ? $"is not valid YAML (line {y.Start.Line}, column {y.Start.Column}): {Inner(y)}"
                : $"is not valid JSON: {e.Message}";
            state.Warnings.Add(new ManifestWarning(file, null, null, message + (syntaxErrorMakesIncomplete ? "; no records are deleted until it is fixed" : "; its objects are ignored")));
            if (syntaxErrorMakesIncomplete)
            {
                state.Incomplete.Add($"manifest file '{file}' {message}");
            }

            return;
        }

        for (var i = 0; i < documents.Count; i++)
        {
            if (documents[i] is null)
            {
                continue;
            }

            AddObject(documents[i]!, file, i + 1, state, 0);
        }
    }

    private static string Inner(Exception e) => e.InnerException is { } inner && inner.Message.Length > 0 ? inner.Message : e.Message;

    private void AddObject(JsonNode node, string file, int document, State state, int depth)
    {
        if (node is not JsonObject obj)
        {
            state.Warnings.Add(new ManifestWarning(file, document, null, "is not a Kubernetes object (expected a mapping with apiVersion and kind); it is ignored"));
            return;
        }

        var kind = Str(obj["kind"]);
        var apiVersion = Str(obj["apiVersion"]);
        var metadata = obj["metadata"] as JsonObject;
        var name = Str(metadata?["name"]);
        var ns = Str(metadata?["namespace"]);

        if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items && depth == 0)
        {
            foreach (var item in items)
            {
                if (item is not null)
                {
                    AddObject(item, file, document, state, depth + 1);
                }
            }

            return;
        }

        var display = $"{kind ?? "<no kind>"} {(string.IsNullOrEmpty(ns) ? string.Empty : ns + "/")}{name ?? "<no name>"}";
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion))
        {
            state.Warnings.Add(new ManifestWarning(file, document, display, "has no kind or apiVersion; it is ignored"));
            return;
        }

        var candidates = Kinds.Where(k => k.Kind == kind).ToList();
        if (candidates.Count == 0)
        {
            state.Warnings.Add(new ManifestWarning(file, document, display, $"kind {kind} is not one the manifest source reads ({string.Join(", ", Kinds.Select(k => k.Kind).Distinct().Order(StringComparer.Ordinal))}); it is ignored"));
            return;
        }

        if (candidates.FirstOrDefault(k => k.ApiVersion == apiVersion) is not { } info)
        {
            state.Warnings.Add(new ManifestWarning(file, document, display, $"apiVersion {apiVersion} is not supported for {kind} (expected {string.Join(" or ", candidates.Select(k => k.ApiVersion))}); it is ignored"));
            return;
        }

        if (string.IsNullOrEmpty(name))
        {
            state.Warnings.Add(new ManifestWarning(file, document, display, "has no metadata.name; it is ignored"));
            return;
        }

        if (info.Namespaced && string.IsNullOrEmpty(ns))
        {
            ns = "default";
        }

        var resource = new ResourceRef(kind, info.Namespaced ? ns! : string.Empty, name);
        display = info.Namespaced ? $"{kind} {ns}/{name}" : $"{kind} {name}";
        Sanitize(obj);
        KubeObject? model;
        try
        {
            model = (KubeObject?)obj.Deserialize(info.TypeInfo);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) ? string.Empty : $" at {e.Path}";
            var message = $"cannot be read{where}: {FirstSentence(e.Message)}";
            if (info.Mapped || (mapsNodes && kind == "Node"))
            {
                state.Unreadable.Add(resource.ResourceLabel);
                message += "; its existing records are kept";
            }
            else if (mapsPods && kind == "Pod")
            {
                state.Incomplete.Add($"{display} in manifest file '{file}' cannot be read; no records are deleted until it is fixed");
                message += "; no records are deleted until it is fixed";
            }

            state.UnreadableKinds.UnionWith(info.DependentKinds);
            if (info.DependentKinds.Length > 0 && !info.Mapped)
            {
                message += $"; the records of {string.Join(", ", info.DependentKinds.Select(k => k + "/…"))} are kept";
            }

            state.Warnings.Add(new ManifestWarning(file, document, display, message));
            return;
        }

        if (model is null)
        {
            return;
        }

        model.Metadata.Namespace = info.Namespaced ? ns : null;
        model.Kind = kind;
        model.ApiVersion = apiVersion;
        var key = (apiVersion.Split('/')[0] + "/" + kind, model.Namespace, name);
        if (state.Objects.TryGetValue(key, out var previous))
        {
            state.Warnings.Add(new ManifestWarning(file, document, display, $"is also defined in {previous.File} (document {previous.Document}); this later definition is used"));
        }

        state.Objects[key] = (model, file, document);
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 ? message[..(i + 1)] : message;
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>
    /// Drops null array items and turns null label/annotation/selector values into "" (as Go's decoder does).
    /// <c>spec.endpoints</c> keeps its null items so DNSEndpoint warnings can cite the right index.
    /// </summary>
    private static void Sanitize(JsonNode? node, string? key = null, string? parentKey = null)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o.ToList())
                {
                    if (k is "labels" or "annotations" or "selector" && v is JsonObject map)
                    {
                        foreach (var (mk, mv) in map.ToList())
                        {
                            if (mv is null)
                            {
                                map[mk] = string.Empty;
                            }
                        }
                    }

                    Sanitize(v, k, key);
                }

                break;
            case JsonArray a:
                var keepNulls = key == "endpoints" && parentKey == "spec";
                for (var i = a.Count - 1; i >= 0; i--)
                {
                    if (a[i] is null)
                    {
                        if (!keepNulls)
                        {
                            a.RemoveAt(i);
                        }
                    }
                    else
                    {
                        Sanitize(a[i], null, key);
                    }
                }

                break;
        }
    }

    private static readonly string[] RouteKinds = ["httproute", "grpcroute", "tlsroute", "tcproute", "udproute"];
    private static readonly string[] IstioKinds = ["gateway", "virtualservice"];

    private static readonly KindInfo[] Kinds =
    [
        new("Service", "v1", true, true, KubernetesJsonContext.Default.Service, IstioKinds),
        new("Ingress", "networking.k8s.io/v1", true, true, KubernetesJsonContext.Default.Ingress, IstioKinds),
        new("DNSEndpoint", "externaldns.k8s.io/v1alpha1", true, true, KubernetesJsonContext.Default.DnsEndpoint),
        new("Node", "v1", false, false, KubernetesJsonContext.Default.Node),
        new("EndpointSlice", "discovery.k8s.io/v1", true, false, KubernetesJsonContext.Default.EndpointSlice),
        new("Pod", "v1", true, false, KubernetesJsonContext.Default.Pod),
        new("Namespace", "v1", false, false, KubernetesJsonContext.Default.KubeNamespace, RouteKinds),
        new("Gateway", "gateway.networking.k8s.io/v1", true, false, KubernetesJsonContext.Default.Gateway, RouteKinds),
        new("ListenerSet", "gateway.networking.k8s.io/v1", true, false, KubernetesJsonContext.Default.ListenerSet, RouteKinds),
        new("HTTPRoute", "gateway.networking.k8s.io/v1", true, true, KubernetesJsonContext.Default.GatewayRoute),
        new("GRPCRoute", "gateway.networking.k8s.io/v1", true, true, KubernetesJsonContext.Default.GatewayRoute),
        new("TLSRoute", "gateway.networking.k8s.io/v1", true, true, KubernetesJsonContext.Default.GatewayRoute),
        new("TCPRoute", "gateway.networking.k8s.io/v1alpha2", true, true, KubernetesJsonContext.Default.GatewayRoute),
        new("UDPRoute", "gateway.networking.k8s.io/v1alpha2", true, true, KubernetesJsonContext.Default.GatewayRoute),
        new("IngressRoute", "traefik.io/v1alpha1", true, true, KubernetesJsonContext.Default.TraefikIngressRoute),
        new("IngressRouteTCP", "traefik.io/v1alpha1", true, true, KubernetesJsonContext.Default.TraefikIngressRoute),
        new("IngressRouteUDP", "traefik.io/v1alpha1", true, true, KubernetesJsonContext.Default.TraefikIngressRoute),
        new("IngressRoute", "traefik.containo.us/v1alpha1", true, true, KubernetesJsonContext.Default.TraefikIngressRoute),
        new("IngressRouteTCP", "traefik.containo.us/v1alpha1", true, true, KubernetesJsonContext.Default.TraefikIngressRoute),
        new("IngressRouteUDP", "traefik.containo.us/v1alpha1", true, true, KubernetesJsonContext.Default.TraefikIngressRoute),
        new("Gateway", "networking.istio.io/v1", true, true, KubernetesJsonContext.Default.IstioGateway, ["virtualservice"]),
        new("VirtualService", "networking.istio.io/v1", true, true, KubernetesJsonContext.Default.VirtualService),
        new("HTTPProxy", "projectcontour.io/v1", true, true, KubernetesJsonContext.Default.HttpProxy),
    ];

    /// <param name="Kind">The object's kind.</param>
    /// <param name="ApiVersion">The accepted apiVersion.</param>
    /// <param name="Namespaced">Namespaced objects without a namespace get <c>default</c>.</param>
    /// <param name="Mapped">Published: an unreadable one is unresolved (its resource label).</param>
    /// <param name="TypeInfo">The model.</param>
    /// <param name="DependentKinds">Resource label kinds whose records depend on objects of this kind: unresolved when one cannot be read.</param>
    private sealed record KindInfo(string Kind, string ApiVersion, bool Namespaced, bool Mapped, JsonTypeInfo TypeInfo, params string[] DependentKinds);

    private sealed class State
    {
        public List<ManifestWarning> Warnings { get; } = [];

        public List<string> Incomplete { get; } = [];

        public HashSet<string> Unreadable { get; } = new(StringComparer.Ordinal);

        public HashSet<string> UnreadableKinds { get; } = new(StringComparer.Ordinal);

        public Dictionary<(string Kind, string Namespace, string Name), (KubeObject Object, string File, int Document)> Objects { get; } = [];
    }
}
