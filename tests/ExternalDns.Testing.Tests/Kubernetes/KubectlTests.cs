using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

/// <summary>The real kubectl (a separate process) against the emulator: proof that it speaks the wire protocol.</summary>
public sealed class KubectlTests(KubectlFixture fixture) : IClassFixture<KubectlFixture>
{
    private const string Manifests = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations:
            external-dns.alpha.kubernetes.io/hostname: web.example.org
        spec:
          type: LoadBalancer
          selector:
            app: web
          ports:
          - port: 80
            targetPort: 8080
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
        spec:
          rules:
          - host: www.example.org
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: web
                    port:
                      number: 80
        """;

    private KubeApiServer Server => fixture.Server;

    private Kubectl Kubectl => fixture.Kubectl;

    [Fact]
    public async Task Apply_creates_service_and_ingress_that_get_returns_as_json_and_table()
    {
        var ns = fixture.NewNamespace("apply");

        var applied = await Kubectl.OkAsync($"apply -n {ns} -f -", Manifests);
        Assert.Contains("service/web created", applied);
        Assert.Contains("ingress.networking.k8s.io/web created", applied);
        Assert.Contains("\"host\":\"www.example.org\"", Server.Get("ingresses", ns, "web")!.ToJsonString(), StringComparison.Ordinal);

        var json = JsonNode.Parse(await Kubectl.OkAsync($"get service web -n {ns} -o json"))!.AsObject();
        Assert.Equal("web.example.org", json["metadata"]!["annotations"]!["external-dns.alpha.kubernetes.io/hostname"]!.GetValue<string>());
        Assert.Equal("LoadBalancer", json["spec"]!["type"]!.GetValue<string>());

        var table = await Kubectl.OkAsync($"get svc,ingress -n {ns}");
        Assert.Matches(@"NAME\s+TYPE\s+CLUSTER-IP", table);
        Assert.Matches(@"service/web\s+LoadBalancer\s+10\.96\.", table);
        Assert.Contains("ingress.networking.k8s.io/web", table);

        Assert.Contains("unchanged", await Kubectl.OkAsync($"apply -n {ns} -f -", Manifests));
    }

    [Fact]
    public async Task Apply_of_a_changed_manifest_patches_the_service()
    {
        var ns = fixture.NewNamespace("reapply");
        await Kubectl.OkAsync($"apply -n {ns} -f -", Manifests);

        var changed = Manifests.Replace("web.example.org", "api.example.org", StringComparison.Ordinal).Replace("targetPort: 8080", "targetPort: 9090", StringComparison.Ordinal);
        Assert.Contains("service/web configured", await Kubectl.OkAsync($"apply -n {ns} -f -", changed));

        var service = Server.Get("services", ns, "web")!;
        Assert.Equal("api.example.org", service["metadata"]!["annotations"]!["external-dns.alpha.kubernetes.io/hostname"]!.GetValue<string>());
        var ports = (JsonArray)service["spec"]!["ports"]!;
        Assert.Single(ports);
        Assert.Equal(9090, ports[0]!["targetPort"]!.GetValue<int>());
        Assert.Equal("TCP", ports[0]!["protocol"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_from_yaml_and_get_across_namespaces()
    {
        var a = fixture.NewNamespace("a");
        var b = fixture.NewNamespace("b");
        await Kubectl.OkAsync($"create -n {a} -f -", Manifests);
        Server.Put("services", Fixtures.Service("other", b));

        var all = await Kubectl.OkAsync("get services --all-namespaces --chunk-size=1");
        Assert.Matches($@"{a}\s+web\s+LoadBalancer", all);
        Assert.Matches($@"{b}\s+other\s+ClusterIP", all);
        Assert.Contains(Server.Requests.All, r => r.Verb == "list" && r.Query.Contains("continue=", StringComparison.Ordinal));

        var (exitCode, _, stderr) = await Kubectl.RunAsync($"create -n {a} -f -", Manifests);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("already exists", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_watch_prints_a_change_made_through_the_control_api()
    {
        var ns = fixture.NewNamespace("watch");
        Server.Put("services", Fixtures.Service("first", ns));
        using var process = Kubectl.Start($"get services -n {ns} --watch --output-watch-events");
        try
        {
            var lines = new List<string>();
            async Task<string> ReadUntilAsync(string text)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                while (true)
                {
                    var line = await process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("kubectl exited: " + string.Join("\n", lines) + await process.StandardError.ReadToEndAsync());
                    lines.Add(line);
                    if (line.Contains(text, StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }

            Assert.Matches(@"ADDED\s+first", await ReadUntilAsync("first"));
            Server.Put("services", Fixtures.Service("second", ns));
            Assert.Matches(@"ADDED\s+second", await ReadUntilAsync("second"));
            Server.Delete("services", ns, "first");
            Assert.Matches(@"DELETED\s+first", await ReadUntilAsync("DELETED"));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Label_and_annotate_patch_the_object_and_label_selectors_filter_get()
    {
        var ns = fixture.NewNamespace("label");
        Server.Put("services", Fixtures.Service("web", ns));
        Server.Put("services", Fixtures.Service("db", ns));

        await Kubectl.OkAsync($"label service web -n {ns} team=dns");
        await Kubectl.OkAsync($"annotate service web -n {ns} external-dns.alpha.kubernetes.io/hostname=web.example.org");

        var web = Server.Get("services", ns, "web")!;
        Assert.Equal("dns", KubeJson.Labels(web)["team"]);
        Assert.Equal("web.example.org", web["metadata"]!["annotations"]!["external-dns.alpha.kubernetes.io/hostname"]!.GetValue<string>());
        Assert.Equal("service/web", (await Kubectl.OkAsync($"get services -n {ns} -l team=dns -o name")).Trim());

        await Kubectl.OkAsync($"label service web -n {ns} team-");
        Assert.False(KubeJson.Labels(Server.Get("services", ns, "web")!).ContainsKey("team"));
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        var ns = fixture.NewNamespace("delete");
        Server.Put("services", Fixtures.Service("web", ns));

        Assert.Contains("service \"web\" deleted", await Kubectl.OkAsync($"delete service web -n {ns}"));

        Assert.Null(Server.Get("services", ns, "web"));
        var (exitCode, _, stderr) = await Kubectl.RunAsync($"get service web -n {ns}");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("NotFound", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dnsendpoint_custom_resource_round_trips_and_apply_uses_merge_patch()
    {
        var ns = fixture.NewNamespace("crd");
        var manifest = """
            apiVersion: externaldns.k8s.io/v1alpha1
            kind: DNSEndpoint
            metadata:
              name: records
            spec:
              endpoints:
              - dnsName: a.example.org
                recordType: A
                targets: ["192.0.2.1"]
            """;
        await Kubectl.OkAsync($"apply -n {ns} -f -", manifest);
        Assert.Contains("configured", await Kubectl.OkAsync($"apply -n {ns} -f -", manifest.Replace("192.0.2.1", "192.0.2.2", StringComparison.Ordinal)));

        var stored = Server.Get("dnsendpoints", ns, "records")!;
        Assert.Equal("192.0.2.2", KubeJson.PathValue(stored["spec"]!["endpoints"]![0], "targets"));
        Assert.Equal(2, stored["metadata"]!["generation"]!.GetValue<long>());
        Assert.Contains("records", await Kubectl.OkAsync($"get dnsendpoints -n {ns}"));
        Assert.Equal(1, Server.Requests.All.Count(r => r.Verb == "patch" && r.Resource == "dnsendpoints"));
    }

    [Fact]
    public async Task Ingress_controller_custom_resources_are_discovered_applied_and_listed()
    {
        var ns = fixture.NewNamespace("crds");
        var manifest = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata:
              name: edge
            spec:
              gatewayClassName: eg
              listeners:
              - name: http
                port: 80
                protocol: HTTP
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: web
            spec:
              hostnames: [web.example.org]
              parentRefs: [{name: edge}]
            ---
            apiVersion: gateway.networking.k8s.io/v1alpha2
            kind: TCPRoute
            metadata:
              name: db
            spec:
              parentRefs: [{name: edge}]
            ---
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata:
              name: shop
            spec:
              routes:
              - match: Host(`shop.example.org`)
                kind: Rule
            ---
            apiVersion: traefik.containo.us/v1alpha1
            kind: IngressRouteTCP
            metadata:
              name: legacy
            spec:
              routes:
              - match: HostSNI(`*`)
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: reviews
            spec:
              hosts: [reviews.example.org]
              gateways: [mesh]
            ---
            apiVersion: projectcontour.io/v1
            kind: HTTPProxy
            metadata:
              name: blog
            spec:
              virtualhost:
                fqdn: blog.example.org
            """;

        var applied = await Kubectl.OkAsync($"apply -n {ns} -f -", manifest);
        Assert.Contains("gateway.gateway.networking.k8s.io/edge created", applied);
        Assert.Contains("httproute.gateway.networking.k8s.io/web created", applied);
        Assert.Contains("tcproute.gateway.networking.k8s.io/db created", applied);
        Assert.Contains("ingressroute.traefik.io/shop created", applied);
        Assert.Contains("ingressroutetcp.traefik.containo.us/legacy created", applied);
        Assert.Contains("virtualservice.networking.istio.io/reviews created", applied);
        Assert.Contains("httpproxy.projectcontour.io/blog created", applied);

        var resources = await Kubectl.OkAsync("api-resources --api-group=gateway.networking.k8s.io -o name");
        Assert.Contains("httproutes.gateway.networking.k8s.io", resources);
        Assert.Contains("listenersets.gateway.networking.k8s.io", resources);
        Assert.Contains("udproutes.gateway.networking.k8s.io", resources);

        Assert.Matches(@"web\s+\[""web.example.org""\]|web\s+web.example.org", await Kubectl.OkAsync($"get httproutes.gateway.networking.k8s.io -n {ns}"));
        Assert.Contains("blog.example.org", await Kubectl.OkAsync($"get httpproxies -n {ns}"));
        Assert.Contains("reviews", await Kubectl.OkAsync($"get vs -n {ns}"));

        // A status written by a controller (the Gateway's addresses, the route's Accepted condition) through /status.
        await Kubectl.OkAsync($"patch httproute.gateway.networking.k8s.io web -n {ns} --subresource=status --type=merge -p '" +
            "{\"status\":{\"parents\":[{\"parentRef\":{\"name\":\"edge\"},\"controllerName\":\"x/y\",\"conditions\":[{\"type\":\"Accepted\",\"status\":\"True\"}]}]}}'");
        var route = Server.Get("httproutes.gateway.networking.k8s.io", ns, "web")!;
        Assert.Equal("True", KubeJson.PathValue(route["status"]!["parents"]![0]!["conditions"]![0], "status"));
        Assert.Equal(1, route["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_custom_resource_whose_crd_is_removed_is_not_found()
    {
        await using var server = await KubeApiServer.StartAsync();
        var removed = server.Resources.Remove("httproutes.gateway.networking.k8s.io");
        Assert.Single(removed);
        using var http = server.CreateHttpClient();
        using var response = await http.GetAsync(new Uri("/apis/gateway.networking.k8s.io/v1/httproutes", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        var discovery = await http.GetStringAsync(new Uri("/apis/gateway.networking.k8s.io/v1", UriKind.Relative));
        Assert.DoesNotContain("httproutes", discovery, StringComparison.Ordinal);
        Assert.Contains("gateways", discovery, StringComparison.Ordinal);

        server.Resources.Add(removed[0]);
        using var again = await http.GetAsync(new Uri("/apis/gateway.networking.k8s.io/v1/httproutes", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
    }
}
