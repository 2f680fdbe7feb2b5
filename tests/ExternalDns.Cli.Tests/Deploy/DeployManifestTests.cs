using System.Globalization;
using System.Text.Json.Nodes;
using ExternalDns.Cli;
using ExternalDns.Composition;
using ExternalDns.Core.Configuration;

namespace ExternalDns.Cli.Tests.Deploy;

/// <summary>
/// deploy/: every overlay renders with <c>kubectl kustomize</c> and passes what an operator relies on: the kinds of the
/// base are there; every container meets the Pod Security "restricted" profile (and has a read-only root filesystem,
/// probes and a memory limit); ExternalDns's arguments parse and validate with our own flag parser, name a known
/// provider and carry no secret (secrets only through Secret references); the RBAC grants exactly what
/// <c>--generate-rbac</c> computes for those arguments — nothing broader, nothing missing.
/// </summary>
public sealed class DeployManifestTests
{
    private const string Namespace = "external-dns";

    public static TheoryData<string> Overlays() => [.. Kustomize.Overlays];

    [Fact]
    public void There_is_one_overlay_per_provider_the_issue_lists()
    {
        Assert.Equal(["aws", "azure", "cloudflare", "google", "pdns", "rfc2136", "webhook"], Kustomize.Overlays);
        Assert.All(Kustomize.Overlays, o => Assert.NotNull(ProviderModules.Find(o)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Overlay_renders_with_the_kinds_of_the_base(string overlay)
    {
        await Kustomize.EnsureUsableAsync();
        var objects = await Kustomize.RenderAsync(Path.Combine("overlays", overlay));

        foreach (var kind in new[] { "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "CustomResourceDefinition", "Deployment", "PodDisruptionBudget" })
        {
            Assert.True(objects.Any(o => Kind(o) == kind), $"{overlay}: no {kind} rendered");
        }

        Assert.All(objects.Where(o => Kind(o) is not ("Namespace" or "ClusterRole" or "ClusterRoleBinding" or "CustomResourceDefinition")), o =>
            Assert.True(Str(o, "metadata", "namespace") == Namespace, $"{overlay}: {Kind(o)} {Str(o, "metadata", "name")} is not in namespace {Namespace}"));

        var deployment = Single(objects, "Deployment");
        var pdb = Single(objects, "PodDisruptionBudget");
        Assert.Equal(2L, (long)deployment["spec"]!["replicas"]!);
        Assert.Equal(1L, (long)pdb["spec"]!["minAvailable"]!);
        Assert.Equal(Str(deployment, "spec", "selector", "matchLabels", "app.kubernetes.io/name"), Str(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/name"));
        Assert.Contains("--leader-elect", ExternalDnsContainer(deployment)["args"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("restricted", Str(Single(objects, "Namespace"), "metadata", "labels", "pod-security.kubernetes.io/enforce"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Every_container_meets_the_restricted_pod_security_profile(string overlay)
    {
        await Kustomize.EnsureUsableAsync();
        var deployment = Single(await Kustomize.RenderAsync(Path.Combine("overlays", overlay)), "Deployment");
        var pod = deployment["spec"]!["template"]!["spec"]!.AsObject();
        var podSecurity = pod["securityContext"] as JsonObject ?? [];

        foreach (var flag in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            Assert.True(pod[flag] is null || !(bool)pod[flag]!, $"{overlay}: {flag} is set");
        }

        var allowedVolumes = new[] { "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret" };
        foreach (var volume in (pod["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = volume.Select(p => p.Key).Single(k => k != "name");
            Assert.True(allowedVolumes.Contains(type), $"{overlay}: volume {volume["name"]} of type {type} is not allowed by the restricted profile");
        }

        var containers = (pod["containers"]!.AsArray()).Concat(pod["initContainers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        Assert.NotEmpty(containers);
        foreach (var c in containers)
        {
            var name = $"{overlay}: container {c["name"]}";
            var sc = c["securityContext"] as JsonObject ?? [];
            Assert.True(sc["privileged"] is null || !(bool)sc["privileged"]!, $"{name} is privileged");
            Assert.True(sc["allowPrivilegeEscalation"] is { } ape && !(bool)ape, $"{name}: allowPrivilegeEscalation must be false");
            Assert.True(Effective(sc, podSecurity, "runAsNonRoot") is { } nonRoot && (bool)nonRoot, $"{name}: runAsNonRoot must be true");
            Assert.True(Effective(sc, podSecurity, "runAsUser") is not { } user || (long)user != 0, $"{name}: runs as user 0");
            var seccomp = (string?)(Effective(sc, podSecurity, "seccompProfile") as JsonObject)?["type"];
            Assert.True(seccomp is "RuntimeDefault" or "Localhost", $"{name}: seccompProfile must be RuntimeDefault or Localhost (is {seccomp ?? "unset"})");
            var drop = (sc["capabilities"]?["drop"] as JsonArray ?? []).Select(d => (string?)d).ToList();
            Assert.True(drop.Contains("ALL"), $"{name}: capabilities must drop ALL");
            var add = (sc["capabilities"]?["add"] as JsonArray ?? []).Select(d => (string?)d).ToList();
            Assert.True(add.All(a => a == "NET_BIND_SERVICE"), $"{name}: adds capabilities {string.Join(", ", add)}");
            Assert.True(c["ports"] is not JsonArray ports || ports.OfType<JsonObject>().All(p => p["hostPort"] is null), $"{name}: uses a hostPort");

            // Beyond the profile: what an operator expects of a controller's container.
            Assert.True(sc["readOnlyRootFilesystem"] is { } ro && (bool)ro, $"{name}: readOnlyRootFilesystem must be true");
            Assert.True(Str(c, "livenessProbe", "httpGet", "path") == "/healthz", $"{name}: no liveness probe on /healthz");
            Assert.True(Str(c, "readinessProbe", "httpGet", "path") == "/healthz", $"{name}: no readiness probe on /healthz");
            Assert.True(Str(c, "resources", "limits", "memory") is not null, $"{name}: no memory limit");
            Assert.True(Str(c, "resources", "requests", "memory") is not null, $"{name}: no memory request");
        }
    }

    [Fact]
    public async Task The_base_resources_follow_the_memory_benchmark()
    {
        await Kustomize.EnsureUsableAsync();
        var container = ExternalDnsContainer(Single(await Kustomize.RenderAsync("base"), "Deployment"));

        // docs/benchmarks-kubernetes.md: 85 MiB with an empty cluster (the request must cover it), a peak of ~375 MiB
        // during the first sync of 20,000 realistic objects (the limit must cover it).
        Assert.True(Mebibytes(Str(container, "resources", "requests", "memory")!) >= 96, "the memory request is below the measured empty-cluster footprint (85 MiB) plus margin");
        Assert.True(Mebibytes(Str(container, "resources", "limits", "memory")!) >= 400, "the memory limit is below the measured first-sync peak at 20,000 objects (~375 MiB)");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task ExternalDns_arguments_parse_validate_and_carry_no_secret(string overlay)
    {
        await Kustomize.EnsureUsableAsync();
        var container = ExternalDnsContainer(Single(await Kustomize.RenderAsync(Path.Combine("overlays", overlay)), "Deployment"));
        var args = container["args"]!.AsArray().Select(a => (string)a!).ToList();
        var env = Environment(container, out var fromSecrets);

        var flags = FlagParser.Parse(args, name => env.GetValueOrDefault(name));
        FlagValidation.Validate(flags);

        Assert.Equal(overlay, flags.String("provider"));
        Assert.NotNull(ProviderModules.Find(flags.String("provider")));
        foreach (var secret in FlagCatalog.All.Where(f => f.Secret))
        {
            Assert.DoesNotContain(args, a => a.StartsWith($"--{secret.Name}=", StringComparison.Ordinal) || a == $"--{secret.Name}");
            if (env.ContainsKey(secret.EnvironmentVariable))
            {
                Assert.Contains(secret.EnvironmentVariable, fromSecrets);
            }
        }

        // Variables that hold credentials come from Secrets, never from a literal value in the manifest.
        var literalCredential = env.Keys.Where(k => !fromSecrets.Contains(k)).FirstOrDefault(k => k.Contains("TOKEN", StringComparison.Ordinal) || k.Contains("SECRET", StringComparison.Ordinal) || k.EndsWith("_KEY", StringComparison.Ordinal) || k.Contains("PASSWORD", StringComparison.Ordinal));
        Assert.True(literalCredential is null, $"{overlay}: {literalCredential} is set to a literal value; use a secretKeyRef");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public async Task Rbac_grants_exactly_what_the_enabled_sources_need(string overlay)
    {
        await Kustomize.EnsureUsableAsync();
        var objects = await Kustomize.RenderAsync(Path.Combine("overlays", overlay));
        var container = ExternalDnsContainer(Single(objects, "Deployment"));
        var env = Environment(container, out _);
        var flags = FlagParser.Parse([.. container["args"]!.AsArray().Select(a => (string)a!)], name => env.GetValueOrDefault(name));
        var plan = RbacGenerator.Plan(flags);

        var clusterRoles = objects.Where(o => Kind(o) == "ClusterRole").ToList();
        var granted = clusterRoles.SelectMany(Rules).ToHashSet();
        var needed = plan.ClusterRules.SelectMany(r => r.Verbs.Select(v => (r.ApiGroup, r.Resource, v))).ToHashSet();
        Assert.True(granted.SetEquals(needed), $"{overlay}: the ClusterRole grants [{Describe(granted.Except(needed))}] beyond and lacks [{Describe(needed.Except(granted))}]");

        var roles = objects.Where(o => Kind(o) == "Role").ToList();
        Assert.Equal(plan.Roles.Select(r => (r.Name, r.Namespace)).Order(), roles.Select(r => (Str(r, "metadata", "name")!, Str(r, "metadata", "namespace")!)).Order());
        foreach (var role in plan.Roles)
        {
            var rendered = roles.Single(r => Str(r, "metadata", "name") == role.Name);
            var wanted = role.Rules.SelectMany(r => r.Verbs.Select(v => (r.ApiGroup, r.Resource, v))).ToHashSet();
            Assert.True(wanted.SetEquals(Rules(rendered)), $"{overlay}: Role {role.Name} grants [{Describe(Rules(rendered))}], the flags need [{Describe(wanted)}]");
        }

        Assert.DoesNotContain(granted.Concat(roles.SelectMany(Rules)), g => g.Group == "*" || g.Resource == "*" || g.Verb == "*");

        // Each binding gives its role to the ServiceAccount the Deployment runs as, and to nothing else.
        var account = Single(objects, "ServiceAccount");
        Assert.Equal(Str(account, "metadata", "name"), Str(Single(objects, "Deployment"), "spec", "template", "spec", "serviceAccountName"));
        foreach (var binding in objects.Where(o => Kind(o) is "ClusterRoleBinding" or "RoleBinding"))
        {
            var subject = Assert.Single(binding["subjects"]!.AsArray().OfType<JsonObject>());
            Assert.Equal<(string?, string?, string?)>(("ServiceAccount", Str(account, "metadata", "name"), Str(account, "metadata", "namespace")), ((string?)subject["kind"], (string?)subject["name"], (string?)subject["namespace"]));
            var roleKind = Str(binding, "roleRef", "kind");
            Assert.Contains(objects, o => Kind(o) == roleKind && Str(o, "metadata", "name") == Str(binding, "roleRef", "name"));
        }
    }

    [Fact]
    public async Task The_base_rbac_file_is_the_generators_output_for_the_base_arguments()
    {
        await Kustomize.EnsureUsableAsync();
        var container = ExternalDnsContainer(Single(await Kustomize.RenderAsync("base"), "Deployment"));
        var env = Environment(container, out _);
        var flags = FlagParser.Parse([.. container["args"]!.AsArray().Select(a => (string)a!)], name => env.GetValueOrDefault(name));

        var expected = RbacGenerator.Generate(flags);
        var actual = await File.ReadAllTextAsync(Path.Combine(Kustomize.Deploy, "base", "rbac.yaml"));
        Assert.True(expected == actual, $"deploy/base/rbac.yaml is stale; regenerate it: external-dns --generate-rbac {string.Join(' ', RbacGenerator.RelevantFlags(flags))} > deploy/base/rbac.yaml");
    }

    [Fact]
    public async Task Monitoring_renders_and_scrapes_the_port_the_deployment_exposes()
    {
        await Kustomize.EnsureUsableAsync();
        var objects = await Kustomize.RenderAsync("monitoring");
        var deployment = Single(await Kustomize.RenderAsync("base"), "Deployment");

        Assert.Single(objects, o => Kind(o) == "PrometheusRule");
        var monitor = Single(objects, "PodMonitor");
        var port = Str(monitor["spec"]!["podMetricsEndpoints"]![0]!, "port");
        Assert.Contains(ExternalDnsContainer(deployment)["ports"]!.AsArray(), p => (string?)p!["name"] == port && (long)p["containerPort"]! == 7979);
        Assert.Equal(Str(deployment, "spec", "selector", "matchLabels", "app.kubernetes.io/name"), Str(monitor, "spec", "selector", "matchLabels", "app.kubernetes.io/name"));

        var dashboard = Single(objects, "ConfigMap");
        Assert.Equal("1", Str(dashboard, "metadata", "labels", "grafana_dashboard"));
        var json = Str(dashboard, "data", "grafana-dashboard.json")!;
        Assert.Equal("ExternalDns", (string?)JsonNode.Parse(json)!["title"]);
    }

    private static JsonObject ExternalDnsContainer(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().OfType<JsonObject>().Single(c => (string?)c["name"] == "external-dns");

    /// <summary>The container's environment as the process would see it: literal values, Secret values as a placeholder, the pod namespace.</summary>
    private static Dictionary<string, string> Environment(JsonObject container, out HashSet<string> fromSecrets)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        fromSecrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string)e["name"]!;
            if (e["value"] is { } value)
            {
                env[name] = (string)value!;
            }
            else if (e["valueFrom"]?["secretKeyRef"] is not null)
            {
                env[name] = "from-a-secret";
                fromSecrets.Add(name);
            }
            else if (Str(e, "valueFrom", "fieldRef", "fieldPath") is { } path)
            {
                env[name] = path == "metadata.namespace" ? Namespace : "external-dns-5d8f7b6c9-abcde";
            }
        }

        return env;
    }

    private static IEnumerable<(string Group, string Resource, string Verb)> Rules(JsonObject role) =>
        role["rules"]!.AsArray().OfType<JsonObject>().SelectMany(rule =>
            from g in rule["apiGroups"]!.AsArray()
            from r in rule["resources"]!.AsArray()
            from v in rule["verbs"]!.AsArray()
            select ((string?)g ?? string.Empty, (string)r!, (string)v!));

    private static string Describe(IEnumerable<(string Group, string Resource, string Verb)> rules) =>
        string.Join("; ", rules.Select(r => $"{r.Verb} {r.Group}/{r.Resource}"));

    private static JsonNode? Effective(JsonObject container, JsonObject pod, string field) => container[field] ?? pod[field];

    private static JsonObject Single(List<JsonObject> objects, string kind) => Assert.Single(objects, o => Kind(o) == kind);

    private static string? Kind(JsonObject o) => (string?)o["kind"];

    private static string? Str(JsonNode node, params string[] path)
    {
        JsonNode? current = node;
        foreach (var p in path)
        {
            current = current?[p];
        }

        return current?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)current : current?.ToJsonString();
    }

    private static double Mebibytes(string quantity) => quantity switch
    {
        _ when quantity.EndsWith("Gi", StringComparison.Ordinal) => double.Parse(quantity[..^2], CultureInfo.InvariantCulture) * 1024,
        _ when quantity.EndsWith("Mi", StringComparison.Ordinal) => double.Parse(quantity[..^2], CultureInfo.InvariantCulture),
        _ => throw new FormatException($"unexpected memory quantity {quantity} (use Mi or Gi)"),
    };
}
