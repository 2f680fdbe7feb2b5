using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests.Kubernetes;

/// <summary>
/// Black-box <c>--registry=crd</c>: the external-dns process against the Kubernetes API emulator and BIND. Ownership
/// lives in DNSRecord objects in <c>--crd-registry-namespace</c> (names as upstream: dashed name + 8 hex of SHA-256 over
/// "name/TYPE/setId"), never in TXT records; a record with another owner's DNSRecord, or with none, is never touched.
/// </summary>
public sealed class CrdRegistryEndToEndTests(BindServer bind) : IClassFixture<BindServer>
{
    private const string Ns = "dns-owners";
    private const string RecordsPath = "/apis/externaldns.k8s.io/v1alpha1/namespaces/" + Ns + "/dnsrecords";

    [Fact]
    public async Task Sync_keeps_ownership_in_DNSRecords_writes_nothing_when_converged_leaves_others_alone_and_deletes_with_the_source()
    {
        await using var h = await FaultHarness.StartAsync(bind, "crdreg");
        h.Sources = ["service"];
        h.Api.Put("namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = Ns } });
        string[] crd = ["--registry=crd", $"--crd-registry-namespace={Ns}", "--once", "--metrics-address="];

        // Another owner's record (with its DNSRecord) and a record made by hand (no DNSRecord) in the zone.
        bind.Nsupdate(FaultHarness.Zone, $"update add {h.Host("charlie")} 300 A 198.51.100.7", $"update add {h.Host("delta")} 300 A 198.51.100.8");
        h.Api.Put("dnsrecords", new JsonObject
        {
            ["apiVersion"] = "externaldns.k8s.io/v1alpha1",
            ["kind"] = "DNSRecord",
            ["metadata"] = new JsonObject
            {
                ["name"] = ObjectName(h.Host("charlie"), "A"),
                ["namespace"] = Ns,
                ["labels"] = new JsonObject { ["externaldns.k8s.io/owner"] = "someone-else" },
            },
            ["spec"] = new JsonObject { ["endpoint"] = new JsonObject { ["dnsName"] = h.Host("charlie"), ["recordType"] = "A", ["targets"] = new JsonArray("198.51.100.7") } },
        });
        h.PutService("alpha", "203.0.113.1");
        h.PutService("bravo", "203.0.113.2");
        h.PutService("charlie", "203.0.113.3"); // wants the name another owner holds

        var first = await ExternalDnsProcess.RunAsync(h.Args(crd));
        Assert.True(first.ExitCode == 0, first.Stderr + first.Stdout);
        var zone = h.Records();
        Assert.Equal(["203.0.113.1"], h.A(zone, "alpha"));
        Assert.Equal(["203.0.113.2"], h.A(zone, "bravo"));
        Assert.Equal(["198.51.100.7"], h.A(zone, "charlie"));
        Assert.Equal(["198.51.100.8"], h.A(zone, "delta"));
        Assert.DoesNotContain(zone, r => r.Split(' ')[1] == "TXT");

        foreach (var (label, ip) in new[] { ("alpha", "203.0.113.1"), ("bravo", "203.0.113.2") })
        {
            var obj = h.Api.Get("dnsrecords", Ns, ObjectName(h.Host(label), "A"));
            Assert.True(obj is not null, $"DNSRecord of {label}: {string.Join(", ", h.Api.List("dnsrecords", Ns).Select(o => o["metadata"]!["name"]))}");
            Assert.Equal(h.Id, obj["metadata"]!["labels"]!["externaldns.k8s.io/owner"]!.GetValue<string>());
            Assert.Equal(ip, obj["spec"]!["endpoint"]!["targets"]![0]!.GetValue<string>());
            Assert.Equal($"service/default/{h.ObjectName(label)}", obj["spec"]!["endpoint"]!["labels"]!["resource"]!.GetValue<string>());
            var ready = obj["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
            Assert.Equal(("True", "Programmed"), (ready["status"]!.GetValue<string>(), ready["reason"]!.GetValue<string>()));
        }

        var charlie = h.Api.Get("dnsrecords", Ns, ObjectName(h.Host("charlie"), "A"))!;
        Assert.Equal("someone-else", charlie["metadata"]!["labels"]!["externaldns.k8s.io/owner"]!.GetValue<string>());
        Assert.Equal(3, h.Api.List("dnsrecords", Ns).Count);

        // Converged: a second run changes nothing in DNS or in the cluster.
        h.Api.Requests.Clear();
        var second = await ExternalDnsProcess.RunAsync(h.Args(crd));
        Assert.True(second.ExitCode == 0, second.Stderr + second.Stdout);
        Assert.DoesNotContain("Desired change", second.Stdout + second.Stderr, StringComparison.Ordinal);
        Assert.Equal(zone, h.Records());
        Assert.True(h.Api.Requests.Count(pathPrefix: RecordsPath) > 0, "the second run reads the DNSRecords");
        Assert.Equal(0, h.Api.Requests.All.Count(r => r.Path.StartsWith(RecordsPath, StringComparison.Ordinal) && r.Verb is "create" or "update" or "patch" or "delete"));

        // The source goes: its record and its DNSRecord go; the others stay.
        h.DeleteService("bravo");
        var third = await ExternalDnsProcess.RunAsync(h.Args(crd));
        Assert.True(third.ExitCode == 0, third.Stderr + third.Stdout);
        zone = h.Records();
        Assert.True(h.Gone(zone, "bravo"), string.Join('\n', zone));
        Assert.Equal(["203.0.113.1"], h.A(zone, "alpha"));
        Assert.Equal(["198.51.100.7"], h.A(zone, "charlie"));
        Assert.Equal(["198.51.100.8"], h.A(zone, "delta"));
        Assert.Null(h.Api.Get("dnsrecords", Ns, ObjectName(h.Host("bravo"), "A")));
        Assert.NotNull(h.Api.Get("dnsrecords", Ns, ObjectName(h.Host("alpha"), "A")));
        Assert.NotNull(h.Api.Get("dnsrecords", Ns, ObjectName(h.Host("charlie"), "A")));
    }

    [Fact]
    public async Task The_generated_RBAC_grants_DNSRecords_in_the_registry_namespace()
    {
        var run = await ExternalDnsProcess.RunAsync(["--generate-rbac", "--source=service", "--registry=crd", $"--crd-registry-namespace={Ns}"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"kind: Role\nmetadata:\n  name: external-dns-crd-registry\n  namespace: {Ns}\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("resources: [dnsrecords]\n    verbs: [create, delete, get, list, patch, update, watch]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("resources: [dnsrecords/status]\n    verbs: [get, patch, update]", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Upstream's DNSRecord name, computed independently of the product code.</summary>
    private static string ObjectName(string host, string type)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{host}/{type}/")).AsSpan(0, 4));
        var dashed = string.Concat(host.Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-'));
        return $"{dashed}-{hash}";
    }
}
