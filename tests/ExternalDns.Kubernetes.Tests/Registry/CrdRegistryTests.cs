using System.Text.Json.Nodes;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.InMemory;
using ExternalDns.Kubernetes.Client;
using ExternalDns.Kubernetes.Registry;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Kubernetes.Tests.Registry;

/// <summary>
/// The CRD registry against the Kubernetes API emulator and the in-memory provider: DNSRecords written around the
/// provider apply (Accepted → Programmed / Failed), ownership read back from them, and the planner never touching a
/// record without our DNSRecord.
/// </summary>
public sealed class CrdRegistryTests : IAsyncLifetime
{
    private const string Ns = "dns-owners";
    private readonly string _kubeconfig = Path.Combine(Path.GetTempPath(), $"kubeconfig-crdreg-{Guid.NewGuid():N}");
    private KubeApiServer _api = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync();
        _api.Put("namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = Ns } });
        _api.WriteKubeconfig(_kubeconfig);
        var configuration = new KubeConfigLoader().Load(new KubeClientOptions { KubeConfig = _kubeconfig });
        _client = new KubeApiClient(configuration, new KubeClientOptions { Qps = 0 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        File.Delete(_kubeconfig);
    }

    [Theory]
    [InlineData("...", "A", "", "record-6fbee3c6")] // upstream's TestRecordObjectName fallback case
    [InlineData("sub.example.io", "A", "", "sub-example-io-0df74740")]
    [InlineData("Sub.Example.IO.", "a", "", "sub-example-io-0df74740")] // case and one trailing dot are canonicalised
    public void Object_names_follow_upstream(string dnsName, string type, string setId, string expected) =>
        Assert.Equal(expected, CrdRegistry.ObjectName(dnsName, type, setId));

    [Fact]
    public void Object_names_are_distinct_per_identity_and_valid_when_long()
    {
        Assert.NotEqual(CrdRegistry.ObjectName("sub.example.io", "A", "eu"), CrdRegistry.ObjectName("sub.example.io", "A", "us"));
        Assert.NotEqual(CrdRegistry.ObjectName("sub.example.io", "A", ""), CrdRegistry.ObjectName("sub-example.io", "A", ""));
        Assert.NotEqual(CrdRegistry.ObjectName("sub.example.io", "A", ""), CrdRegistry.ObjectName("sub.example.io", "AAAA", ""));
        var longName = CrdRegistry.ObjectName(string.Concat(Enumerable.Repeat("a.", 200)) + "example.io", "A", "");
        Assert.True(longName.Length <= 253);
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", longName);
        Assert.StartsWith("example-io-", CrdRegistry.ObjectName("*.example.io", "A", ""), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_writes_a_programmed_DNSRecord_and_a_second_plan_is_empty()
    {
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var registry = new CrdRegistry(provider, _client, Ns, "owner-a");

        var first = await ReconcileAsync(registry, [new Endpoint("web.example.org", "A", "203.0.113.1").WithLabel(Labels.ResourceKey, "service/default/web")]);
        Assert.Single(first.Create);

        var obj = _api.Get("dnsrecords", Ns, CrdRegistry.ObjectName("web.example.org", "A", ""));
        Assert.NotNull(obj);
        Assert.Equal("owner-a", obj["metadata"]!["labels"]![CrdRegistry.OwnerLabel]!.GetValue<string>());
        Assert.Equal("web.example.org", obj["spec"]!["endpoint"]!["dnsName"]!.GetValue<string>());
        Assert.Equal("203.0.113.1", obj["spec"]!["endpoint"]!["targets"]![0]!.GetValue<string>());
        var ready = obj["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.Equal("True", ready["status"]!.GetValue<string>());
        Assert.Equal("Programmed", ready["reason"]!.GetValue<string>());

        var records = await registry.RecordsAsync(default);
        var web = Assert.Single(records);
        Assert.Equal("owner-a", web.Labels.Owner);
        Assert.Equal("service/default/web", web.Labels.Resource);

        var second = await ReconcileAsync(registry, [new Endpoint("web.example.org", "A", "203.0.113.1").WithLabel(Labels.ResourceKey, "service/default/web")]);
        Assert.False(second.HasChanges, second.ToString());
    }

    [Fact]
    public async Task Records_without_our_DNSRecord_are_never_updated_or_deleted()
    {
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        await provider.ApplyChangesAsync(new Changes
        {
            Create =
            [
                new Endpoint("foreign.example.org", "A", "198.51.100.1"),
                new Endpoint("unowned.example.org", "A", "198.51.100.2"),
            ],
        }, default);
        var foreign = new CrdRegistry(provider, _client, Ns, "owner-b");
        var createdByB = new Changes { Create = [new Endpoint("other.example.org", "A", "198.51.100.9")] };
        await foreign.ApplyChangesAsync(createdByB, default);
        // A provider that stores labels (webhook, coredns) reports owner-a on every record: that is not ownership.
        var registry = new CrdRegistry(new StoredLabelsProvider(provider, "owner-a"), _client, Ns, "owner-a");

        // Desired: the same names with other targets; sync policy would update/delete anything we owned.
        var changes = await ReconcileAsync(registry,
        [
            new Endpoint("foreign.example.org", "A", "203.0.113.5"),
            new Endpoint("other.example.org", "A", "203.0.113.6"),
        ]);

        Assert.Empty(changes.UpdateNew);
        Assert.Empty(changes.Delete);
        var records = (await provider.RecordsAsync(default)).ToDictionary(r => r.DnsName, r => r.Targets[0]);
        Assert.Equal("198.51.100.1", records["foreign.example.org"]);
        Assert.Equal("198.51.100.2", records["unowned.example.org"]);
        Assert.Equal("198.51.100.9", records["other.example.org"]);
        var other = _api.Get("dnsrecords", Ns, CrdRegistry.ObjectName("other.example.org", "A", ""))!;
        Assert.Equal("owner-b", other["metadata"]!["labels"]![CrdRegistry.OwnerLabel]!.GetValue<string>());
        Assert.Equal("198.51.100.9", other["spec"]!["endpoint"]!["targets"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_rewrites_the_spec_and_delete_removes_the_DNSRecord()
    {
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var registry = new CrdRegistry(provider, _client, Ns, "owner-a");
        await ReconcileAsync(registry, [new Endpoint("web.example.org", "A", "203.0.113.1"), new Endpoint("api.example.org", "A", "203.0.113.2")]);

        var updated = await ReconcileAsync(registry, [new Endpoint("web.example.org", "A", "203.0.113.7"), new Endpoint("api.example.org", "A", "203.0.113.2")]);
        Assert.Single(updated.UpdateNew);
        var web = _api.Get("dnsrecords", Ns, CrdRegistry.ObjectName("web.example.org", "A", ""))!;
        Assert.Equal("203.0.113.7", web["spec"]!["endpoint"]!["targets"]![0]!.GetValue<string>());

        var deleted = await ReconcileAsync(registry, [new Endpoint("web.example.org", "A", "203.0.113.7")]);
        Assert.Single(deleted.Delete);
        Assert.Null(_api.Get("dnsrecords", Ns, CrdRegistry.ObjectName("api.example.org", "A", "")));
        Assert.DoesNotContain(await provider.RecordsAsync(default), r => r.DnsName == "api.example.org");
        Assert.Single(_api.List("dnsrecords", Ns));
    }

    [Fact]
    public async Task A_provider_failure_marks_the_DNSRecords_failed_and_the_next_reconcile_applies_again()
    {
        var inner = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var provider = new FailingProvider(inner) { Fail = true };
        var registry = new CrdRegistry(provider, _client, Ns, "owner-a");

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReconcileAsync(registry, [new Endpoint("web.example.org", "A", "203.0.113.1")]));
        var obj = _api.Get("dnsrecords", Ns, CrdRegistry.ObjectName("web.example.org", "A", ""))!;
        var ready = obj["status"]!["conditions"]!.AsArray().Single()!;
        Assert.Equal("False", ready["status"]!.GetValue<string>());
        Assert.Equal("Failed", ready["reason"]!.GetValue<string>());

        provider.Fail = false;
        var retry = await ReconcileAsync(registry, [new Endpoint("web.example.org", "A", "203.0.113.1")]);
        Assert.Single(retry.Create); // the record is not in the provider, so it is created again over our existing DNSRecord
        obj = _api.Get("dnsrecords", Ns, CrdRegistry.ObjectName("web.example.org", "A", ""))!;
        Assert.Equal("Programmed", obj["status"]!["conditions"]![0]!["reason"]!.GetValue<string>());
        Assert.Single(await inner.RecordsAsync(default));
    }

    [Fact]
    public async Task A_missing_CRD_is_an_error_naming_it_and_nothing_is_written()
    {
        _api.Resources.Remove("dnsrecords.externaldns.k8s.io");
        var provider = new InMemoryProvider(new InMemoryProviderOptions { Zones = ["example.org"] });
        var registry = new CrdRegistry(provider, _client, Ns, "owner-a");

        var ex = await Assert.ThrowsAsync<ExternalDns.Kubernetes.Client.KubeApiException>(() => registry.RecordsAsync(default));

        Assert.Contains("dnsrecords.externaldns.k8s.io", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Ns, ex.Message, StringComparison.Ordinal);
        Assert.Empty(await provider.RecordsAsync(default));
    }

    private static async Task<Changes> ReconcileAsync(CrdRegistry registry, IReadOnlyList<Endpoint> desired)
    {
        var current = await registry.RecordsAsync(default);
        var plan = Planner.Calculate(current, desired, new PlanOptions { Policy = Policy.Sync, OwnerId = registry.OwnerId });
        if (plan.Changes.HasChanges)
        {
            await registry.ApplyChangesAsync(plan.Changes, default);
        }

        return plan.Changes;
    }

    private sealed class StoredLabelsProvider(IDnsProvider inner, string owner) : IDnsProvider
    {
        public DomainFilter DomainFilter => inner.DomainFilter;

        public async Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) =>
            [.. (await inner.RecordsAsync(cancellationToken)).Select(r => r.WithLabel(Labels.OwnerKey, owner))];

        public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints;

        public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken) => inner.ApplyChangesAsync(changes, cancellationToken);
    }

    private sealed class FailingProvider(IDnsProvider inner) : IDnsProvider
    {
        public bool Fail { get; set; }

        public DomainFilter DomainFilter => inner.DomainFilter;

        public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) => inner.RecordsAsync(cancellationToken);

        public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints;

        public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken) =>
            Fail ? throw new InvalidOperationException("provider down") : inner.ApplyChangesAsync(changes, cancellationToken);
    }
}
