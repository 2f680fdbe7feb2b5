using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// One fault-injection scenario: a fresh Kubernetes API emulator, a kubeconfig whose user reads its bearer token from
/// a file (<c>tokenFile</c>, re-read by the client as the in-cluster token is, so the token can be rotated), a unique
/// owner id and host names (so tests can share one BIND zone), the external-dns processes it started (killed on
/// dispose), and views of the zone through dig.
/// </summary>
internal sealed class FaultHarness : IAsyncDisposable
{
    public const string Zone = "example.org";

    private readonly List<ExternalDnsLoop> _loops = [];
    private readonly string _directory;

    private FaultHarness(BindServer bind, KubeApiServer api, string id, string directory)
    {
        Bind = bind;
        Api = api;
        Id = id;
        _directory = directory;
        TokenFile = Path.Combine(directory, "token");
        Kubeconfig = Path.Combine(directory, "kubeconfig");
    }

    public BindServer Bind { get; }

    public KubeApiServer Api { get; }

    /// <summary>Unique per test: the TXT owner id and part of every host name.</summary>
    public string Id { get; }

    public string TokenFile { get; }

    public string Kubeconfig { get; }

    public static async Task<FaultHarness> StartAsync(BindServer bind, string scenario, KubeApiServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var id = scenario + "-" + Guid.NewGuid().ToString("N")[..6];
        var directory = Path.Combine(Path.GetTempPath(), "externaldns-faults-" + id);
        Directory.CreateDirectory(directory);
        var api = await KubeApiServer.StartAsync(options);
        var harness = new FaultHarness(bind, api, id, directory);
        harness.WriteToken(api.Token);
        await File.WriteAllTextAsync(harness.Kubeconfig, RenderKubeconfig(api.BaseAddress, api.CaCertificatePem, harness.TokenFile));
        return harness;
    }

    /// <summary>Replaces the token file atomically (write, then rename), as the kubelet rotates projected tokens.</summary>
    public void WriteToken(string token)
    {
        var temporary = TokenFile + ".new";
        File.WriteAllText(temporary, token + "\n");
        File.Move(temporary, TokenFile, overwrite: true);
    }

    public string Host(string label) => $"{label}-{Id}.{Zone}";

    /// <summary>The Kubernetes object name for a label (unique per test, lower case).</summary>
    public string ObjectName(string label) => $"{label}-{Id}";

    /// <summary>The live sources the processes use (default service, ingress and crd).</summary>
    public IReadOnlyList<string> Sources { get; set; } = ["service", "ingress", "crd"];

    /// <summary>Common flags: <see cref="Sources"/> through the kubeconfig, RFC2136 to BIND, sync policy.</summary>
    public List<string> Args(params string[] extra) =>
    [
        .. Sources.Select(s => $"--source={s}"), $"--kubeconfig={Kubeconfig}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={Bind.Port}", $"--rfc2136-zone={Zone}",
        $"--rfc2136-tsig-keyname={BindServer.KeyName}", $"--rfc2136-tsig-secret={BindServer.KeySecret}", "--rfc2136-tsig-secret-alg=hmac-sha256", "--rfc2136-axfr",
        $"--txt-owner-id={Id}", "--policy=sync", "--log-level=info", .. extra,
    ];

    /// <summary>Starts the loop; <paramref name="metricsPort"/> null = no metrics server (the default :7979 would
    /// collide between tests).</summary>
    public ExternalDnsLoop StartLoop(string name, IEnumerable<string> extra, int? metricsPort = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var metrics = metricsPort is { } port ? $"--metrics-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" : "--metrics-address=";
        var loop = ExternalDnsLoop.Start(name, Args([.. extra, metrics]), environment);
        lock (_loops)
        {
            _loops.Add(loop);
        }

        return loop;
    }

    // ---- objects ----------------------------------------------------------------------------------------------

    /// <summary>A LoadBalancer Service named <see cref="ObjectName"/>(<paramref name="label"/>) with hostname
    /// <see cref="Host"/>(<paramref name="label"/>) and one load-balancer IP.</summary>
    public void PutService(string label, string ip) => Api.Put(Manifests.LoadBalancerServiceJson(ObjectName(label), Host(label), ip));

    public void SetServiceIp(string label, string ip) =>
        Api.Update("services", "default", ObjectName(label), s => s["status"] = JsonNode.Parse($$$"""{"loadBalancer": {"ingress": [{"ip": "{{{ip}}}"}]}}"""));

    public void DeleteService(string label) => Assert.True(Api.Delete("services", "default", ObjectName(label)));

    public void PutIngress(string label, string loadBalancerHostname) => Api.Put(Manifests.IngressJson(ObjectName(label), Host(label), loadBalancerHostname));

    public string? LeaseHolder(string leaseName = "external-dns") =>
        Api.Get("leases", "default", leaseName)?["spec"]?["holderIdentity"]?.GetValue<string>();

    public int LeaseTransitions(string leaseName = "external-dns") =>
        Api.Get("leases", "default", leaseName)?["spec"]?["leaseTransitions"]?.GetValue<int>() ?? 0;

    // ---- DNS ----------------------------------------------------------------------------------------------------

    /// <summary>This test's records in the zone (AXFR with dig), as "name TYPE data".</summary>
    public HashSet<string> Records() =>
        [.. Bind.DigAxfr(Zone).Select(l => l.Split(' ')).Where(p => p[3] != "SOA" && p[0].Contains(Id, StringComparison.Ordinal))
            .Select(p => $"{p[0]} {p[3]} {string.Join(' ', p[4..])}")];

    /// <summary>The A record data of <see cref="Host"/>(<paramref name="label"/>) in <paramref name="records"/>.</summary>
    public IReadOnlySet<string> A(HashSet<string> records, string label) =>
        records.Where(r => r.StartsWith(Host(label) + ". A ", StringComparison.Ordinal)).Select(r => r.Split(' ')[2]).ToHashSet();

    /// <summary>True when no record (the address nor its ownership TXT) of <paramref name="label"/> is left.</summary>
    public bool Gone(HashSet<string> records, string label) =>
        !records.Any(r => r.StartsWith(Host(label) + ". ", StringComparison.Ordinal) || r.Contains("-" + Host(label) + ". ", StringComparison.Ordinal));

    /// <summary>Waits until the zone satisfies <paramref name="condition"/>; on timeout the message shows the zone and
    /// every process's output.</summary>
    public Task<TimeSpan> WaitForZoneAsync(Func<HashSet<string>, bool> condition, string what, TimeSpan? timeout = null)
    {
        HashSet<string> last = [];
        return Eventually.WaitAsync(
            () =>
            {
                last = Records();
                return condition(last);
            },
            timeout ?? TimeSpan.FromSeconds(30),
            () => $"{what}\nzone ({Id}):\n  {string.Join("\n  ", last.Order(StringComparer.Ordinal))}\n{DescribeLoops()}");
    }

    public string DescribeLoops()
    {
        lock (_loops)
        {
            return string.Join('\n', _loops.Select(l => l.Describe()));
        }
    }

    // ---- metrics ------------------------------------------------------------------------------------------------

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The sum over all label sets of a metric on /metrics, or null while the server does not answer.</summary>
    public static async Task<double?> MetricAsync(int port, string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string text;
        try
        {
            text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/metrics"));
        }
        catch (HttpRequestException)
        {
            return null;
        }

        return text.Split('\n')
            .Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        lock (_loops)
        {
            foreach (var loop in _loops)
            {
                loop.Dispose();
            }
        }

        await Api.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
    }

    private static string RenderKubeconfig(Uri server, string caPem, string tokenFile)
    {
        var ca = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: emulator
              cluster:
                server: {server.ToString().TrimEnd('/')}
                certificate-authority-data: {ca}
            users:
            - name: emulator
              user:
                tokenFile: {tokenFile}
            contexts:
            - name: emulator
              context:
                cluster: emulator
                user: emulator
                namespace: default
            current-context: emulator
            """;
    }
}
