using System.Globalization;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// The benchmark cluster: <c>count</c> LoadBalancer Services (<c>svc-NNNNN.example.org</c> by the hostname annotation,
/// one status IP each) and <c>count</c> Ingresses (<c>ing-NNNNN.example.org</c> by their rule host, one status IP each),
/// spread over 50 namespaces. <see cref="ObjectShape.Realistic"/> objects carry what a Helm- or kubectl-managed object
/// has on a real cluster (six labels, a few annotations, <c>kubectl.kubernetes.io/last-applied-configuration</c> and two
/// <c>managedFields</c> entries); <see cref="ObjectShape.Lean"/> objects are the same without the last two.
/// </summary>
internal static class ClusterObjects
{
    public const string Zone = "example.org";
    public const int Namespaces = 50;

    public static string Namespace(int i) => "team-" + (i % Namespaces).ToString("D2", CultureInfo.InvariantCulture);

    public static string ServiceName(int i) => "svc-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string IngressName(int i) => "ing-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string ServiceHost(int i) => ServiceName(i) + "." + Zone;

    public static string IngressHost(int i) => IngressName(i) + "." + Zone;

    /// <summary>The status IP the i-th Service starts with (100.64.0.0/10).</summary>
    public static string ServiceIp(int i) => string.Create(CultureInfo.InvariantCulture, $"100.{64 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}");

    /// <summary>The status IP the i-th Ingress carries (100.96.0.0/11).</summary>
    public static string IngressIp(int i) => string.Create(CultureInfo.InvariantCulture, $"100.{96 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}");

    /// <summary>A fresh address for the c-th change (198.18.0.0/15), never equal to a starting address.</summary>
    public static string ChangeIp(int c) => string.Create(CultureInfo.InvariantCulture, $"198.{18 + ((c >> 16) & 1)}.{(c >> 8) & 255}.{c & 255}");

    /// <summary>Puts <paramref name="count"/> Services and <paramref name="count"/> Ingresses into the emulator.</summary>
    public static void Load(KubeApiServer server, int count, ObjectShape shape)
    {
        for (var i = 0; i < count; i++)
        {
            server.Put("services", Service(i, shape));
            server.Put("ingresses", Ingress(i, shape));
        }
    }

    public static JsonObject Service(int i, ObjectShape shape)
    {
        var name = ServiceName(i);
        var ns = Namespace(i);
        var release = "release-" + (i % 997).ToString(CultureInfo.InvariantCulture);
        var labels = Labels(name, release, ns);
        var annotations = new JsonObject
        {
            ["external-dns.alpha.kubernetes.io/hostname"] = ServiceHost(i),
            ["meta.helm.sh/release-name"] = release,
            ["meta.helm.sh/release-namespace"] = ns,
            ["service.beta.kubernetes.io/aws-load-balancer-type"] = "nlb",
        };
        var spec = new JsonObject
        {
            ["type"] = "LoadBalancer",
            ["selector"] = new JsonObject { ["app.kubernetes.io/name"] = name, ["app.kubernetes.io/instance"] = release },
            ["ports"] = new JsonArray(
                Port("http", 80, 8080, 30000 + (i % 2000)),
                Port("https", 443, 8443, 32000 + (i % 700))),
            ["clusterIP"] = string.Create(CultureInfo.InvariantCulture, $"10.96.{(i >> 8) & 255}.{i & 255}"),
            ["clusterIPs"] = new JsonArray(string.Create(CultureInfo.InvariantCulture, $"10.96.{(i >> 8) & 255}.{i & 255}")),
            ["sessionAffinity"] = "None",
            ["externalTrafficPolicy"] = "Cluster",
            ["internalTrafficPolicy"] = "Cluster",
            ["ipFamilies"] = new JsonArray("IPv4"),
            ["ipFamilyPolicy"] = "SingleStack",
            ["allocateLoadBalancerNodePorts"] = true,
        };
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = Uid(1, i),
                ["creationTimestamp"] = "2026-01-15T09:30:00Z",
                ["labels"] = labels,
                ["annotations"] = annotations,
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = ServiceIp(i), ["ipMode"] = "VIP" }) },
            },
        };
        if (shape == ObjectShape.Realistic)
        {
            AddApplyHistory(obj, "v1", "Service", spec, status: """{"f:status":{"f:loadBalancer":{"f:ingress":{}}}}""", "kube-controller-manager");
        }

        return obj;
    }

    public static JsonObject Ingress(int i, ObjectShape shape)
    {
        var name = IngressName(i);
        var ns = Namespace(i);
        var release = "release-" + (i % 997).ToString(CultureInfo.InvariantCulture);
        var host = IngressHost(i);
        var backend = ServiceName(i);
        var spec = new JsonObject
        {
            ["ingressClassName"] = "nginx",
            ["tls"] = new JsonArray(new JsonObject { ["hosts"] = new JsonArray(host), ["secretName"] = name + "-tls" }),
            ["rules"] = new JsonArray(new JsonObject
            {
                ["host"] = host,
                ["http"] = new JsonObject
                {
                    ["paths"] = new JsonArray(
                        IngressPath("/", backend, 80),
                        IngressPath("/api", backend + "-api", 8080)),
                },
            }),
        };
        var obj = new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "Ingress",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = Uid(2, i),
                ["generation"] = 1,
                ["creationTimestamp"] = "2026-01-15T09:30:00Z",
                ["labels"] = Labels(name, release, ns),
                ["annotations"] = new JsonObject
                {
                    ["cert-manager.io/cluster-issuer"] = "letsencrypt-prod",
                    ["meta.helm.sh/release-name"] = release,
                    ["meta.helm.sh/release-namespace"] = ns,
                    ["nginx.ingress.kubernetes.io/proxy-body-size"] = "16m",
                    ["nginx.ingress.kubernetes.io/ssl-redirect"] = "true",
                },
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = IngressIp(i) }) },
            },
        };
        if (shape == ObjectShape.Realistic)
        {
            AddApplyHistory(obj, "networking.k8s.io/v1", "Ingress", spec, status: """{"f:status":{"f:loadBalancer":{"f:ingress":{}}}}""", "nginx-ingress-controller");
        }

        return obj;
    }

    public static string RouteName(int i) => "route-" + i.ToString("D5", CultureInfo.InvariantCulture);

    public static string IngressRouteName(int i) => "ir-" + i.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The address of the Gateway of namespace <c>team-NN</c> (192.0.2.NN).</summary>
    public static string GatewayIp(int ns) => string.Create(CultureInfo.InvariantCulture, $"192.0.2.{ns}");

    /// <summary>
    /// Puts one Gateway API Gateway per namespace (an HTTP listener for <c>*.example.org</c>, routes from the same
    /// namespace), <paramref name="count"/> HTTPRoutes (<c>route-NNNNN.example.org</c>, attached and Accepted) and
    /// <paramref name="count"/> Traefik IngressRoutes (<c>Host(`ir-NNNNN.example.org`)</c>, a target annotation) into
    /// the emulator, shaped as <paramref name="shape"/> says.
    /// </summary>
    public static void LoadRoutes(KubeApiServer server, int count, ObjectShape shape)
    {
        for (var n = 0; n < Math.Min(count, Namespaces); n++)
        {
            server.Put("gateways.gateway.networking.k8s.io", Gateway(n));
        }

        for (var i = 0; i < count; i++)
        {
            server.Put("httproutes.gateway.networking.k8s.io", HttpRoute(i, shape));
            server.Put("ingressroutes.traefik.io", IngressRoute(i, shape));
        }
    }

    private static JsonObject Gateway(int n) => new()
    {
        ["apiVersion"] = "gateway.networking.k8s.io/v1",
        ["kind"] = "Gateway",
        ["metadata"] = new JsonObject { ["name"] = "edge", ["namespace"] = Namespace(n), ["generation"] = 1 },
        ["spec"] = new JsonObject
        {
            ["gatewayClassName"] = "envoy",
            ["listeners"] = new JsonArray(new JsonObject { ["name"] = "http", ["hostname"] = "*." + Zone, ["port"] = 80, ["protocol"] = "HTTP" }),
        },
        ["status"] = new JsonObject { ["addresses"] = new JsonArray(new JsonObject { ["type"] = "IPAddress", ["value"] = GatewayIp(n) }) },
    };

    public static JsonObject HttpRoute(int i, ObjectShape shape)
    {
        var name = RouteName(i);
        var ns = Namespace(i);
        var release = "release-" + (i % 997).ToString(CultureInfo.InvariantCulture);
        var parent = new JsonObject { ["group"] = "gateway.networking.k8s.io", ["kind"] = "Gateway", ["name"] = "edge" };
        var spec = new JsonObject
        {
            ["hostnames"] = new JsonArray(name + "." + Zone),
            ["parentRefs"] = new JsonArray(parent.DeepClone()),
            ["rules"] = new JsonArray(new JsonObject
            {
                ["matches"] = new JsonArray(new JsonObject { ["path"] = new JsonObject { ["type"] = "PathPrefix", ["value"] = "/" } }),
                ["backendRefs"] = new JsonArray(new JsonObject { ["name"] = ServiceName(i), ["port"] = 80, ["weight"] = 1 }),
            }),
        };
        var obj = new JsonObject
        {
            ["apiVersion"] = "gateway.networking.k8s.io/v1",
            ["kind"] = "HTTPRoute",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = Uid(3, i),
                ["generation"] = 1,
                ["creationTimestamp"] = "2026-01-15T09:30:00Z",
                ["labels"] = Labels(name, release, ns),
                ["annotations"] = new JsonObject { ["meta.helm.sh/release-name"] = release, ["meta.helm.sh/release-namespace"] = ns },
            },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["parents"] = new JsonArray(new JsonObject
                {
                    ["parentRef"] = parent,
                    ["controllerName"] = "gateway.envoyproxy.io/gatewayclass-controller",
                    ["conditions"] = new JsonArray(
                        Condition("Accepted", "Accepted", "Route is accepted"),
                        Condition("ResolvedRefs", "ResolvedRefs", "Resolved all the Object references for the Route")),
                }),
            },
        };
        if (shape == ObjectShape.Realistic)
        {
            AddApplyHistory(obj, "gateway.networking.k8s.io/v1", "HTTPRoute", spec, status: """{"f:status":{"f:parents":{}}}""", "envoy-gateway");
        }

        return obj;
    }

    public static JsonObject IngressRoute(int i, ObjectShape shape)
    {
        var name = IngressRouteName(i);
        var ns = Namespace(i);
        var release = "release-" + (i % 997).ToString(CultureInfo.InvariantCulture);
        var spec = new JsonObject
        {
            ["entryPoints"] = new JsonArray("websecure"),
            ["routes"] = new JsonArray(new JsonObject
            {
                ["match"] = $"Host(`{name}.{Zone}`) && PathPrefix(`/`)",
                ["kind"] = "Rule",
                ["services"] = new JsonArray(new JsonObject { ["name"] = ServiceName(i), ["port"] = 80 }),
            }),
            ["tls"] = new JsonObject { ["certResolver"] = "letsencrypt" },
        };
        var obj = new JsonObject
        {
            ["apiVersion"] = "traefik.io/v1alpha1",
            ["kind"] = "IngressRoute",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = Uid(4, i),
                ["generation"] = 1,
                ["creationTimestamp"] = "2026-01-15T09:30:00Z",
                ["labels"] = Labels(name, release, ns),
                ["annotations"] = new JsonObject
                {
                    ["external-dns.kubernetes.io/target"] = "traefik-lb." + Zone,
                    ["meta.helm.sh/release-name"] = release,
                    ["meta.helm.sh/release-namespace"] = ns,
                },
            },
            ["spec"] = spec,
        };
        if (shape == ObjectShape.Realistic)
        {
            AddApplyHistory(obj, "traefik.io/v1alpha1", "IngressRoute", spec, status: """{"f:metadata":{"f:labels":{}}}""", "helm");
        }

        return obj;
    }

    private static JsonObject Condition(string type, string reason, string message) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["reason"] = reason,
        ["message"] = message,
        ["observedGeneration"] = 1,
        ["lastTransitionTime"] = "2026-01-15T09:31:07Z",
    };

    private static JsonObject Labels(string name, string release, string ns) => new()
    {
        ["app.kubernetes.io/name"] = name,
        ["app.kubernetes.io/instance"] = release,
        ["app.kubernetes.io/part-of"] = "shop",
        ["app.kubernetes.io/managed-by"] = "Helm",
        ["helm.sh/chart"] = "shop-4.12.3",
        ["team"] = ns,
    };

    private static JsonObject Port(string name, int port, int targetPort, int nodePort) => new()
    {
        ["name"] = name,
        ["protocol"] = "TCP",
        ["port"] = port,
        ["targetPort"] = targetPort,
        ["nodePort"] = nodePort,
    };

    private static JsonObject IngressPath(string path, string service, int port) => new()
    {
        ["path"] = path,
        ["pathType"] = "Prefix",
        ["backend"] = new JsonObject { ["service"] = new JsonObject { ["name"] = service, ["port"] = new JsonObject { ["number"] = port } } },
    };

    private static string Uid(int kind, int i) => string.Create(CultureInfo.InvariantCulture, $"{kind:x8}-{i >> 16:x4}-4{(i >> 4) & 0xfff:x3}-8{i & 0xf:x3}-{i * 2654435761L & 0xffffffffffff:x12}");

    /// <summary>
    /// What <c>kubectl apply</c> and server-side field tracking leave on an object: the last applied configuration as an
    /// annotation (the object as applied, as JSON) and one <c>managedFields</c> entry per writer, shaped like FieldsV1.
    /// </summary>
    private static void AddApplyHistory(JsonObject obj, string apiVersion, string kind, JsonObject spec, string status, string statusManager)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        var annotations = (JsonObject)metadata["annotations"]!;
        var applied = new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["annotations"] = annotations.DeepClone(),
                ["labels"] = metadata["labels"]!.DeepClone(),
                ["name"] = metadata["name"]!.DeepClone(),
                ["namespace"] = metadata["namespace"]!.DeepClone(),
            },
            ["spec"] = spec.DeepClone(),
        };
        annotations["kubectl.kubernetes.io/last-applied-configuration"] = applied.ToJsonString() + "\n";

        metadata["managedFields"] = new JsonArray(
            new JsonObject
            {
                ["manager"] = "kubectl-client-side-apply",
                ["operation"] = "Update",
                ["apiVersion"] = apiVersion,
                ["time"] = "2026-01-15T09:30:00Z",
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = new JsonObject
                {
                    ["f:metadata"] = new JsonObject
                    {
                        ["f:annotations"] = FieldSet(annotations),
                        ["f:labels"] = FieldSet((JsonObject)metadata["labels"]!),
                    },
                    ["f:spec"] = FieldSet(spec),
                },
            },
            new JsonObject
            {
                ["manager"] = statusManager,
                ["operation"] = "Update",
                ["apiVersion"] = apiVersion,
                ["time"] = "2026-01-15T09:31:07Z",
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = JsonNode.Parse(status),
                ["subresource"] = "status",
            });
    }

    /// <summary>FieldsV1 of an object: <c>{".":{}, "f:key": …}</c>, list items keyed by position.</summary>
    private static JsonObject FieldSet(JsonObject source)
    {
        var set = new JsonObject { ["."] = new JsonObject() };
        foreach (var (key, value) in source)
        {
            set["f:" + key] = value switch
            {
                JsonObject child => FieldSet(child),
                JsonArray array => ListSet(array),
                _ => new JsonObject(),
            };
        }

        return set;
    }

    private static JsonObject ListSet(JsonArray array)
    {
        var set = new JsonObject();
        for (var n = 0; n < array.Count; n++)
        {
            set[string.Create(CultureInfo.InvariantCulture, $"k:{{\"index\":{n}}}")] = array[n] is JsonObject item ? FieldSet(item) : new JsonObject();
        }

        return set;
    }
}
