using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;
using static ExternalDns.Core.Tests.Registry.TestEndpoints;
using static ExternalDns.Core.Tests.Registry.TxtRegistryRecordsTests;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>Upstream's ApplyChanges, NewTXTScheme, GenerateTXT, alias and multi-loop scenarios.</summary>
public class TxtRegistryApplyChangesTests
{
    private const string A = RecordTypes.A;
    private const string AAAA = RecordTypes.AAAA;
    private const string CNAME = RecordTypes.CNAME;
    private const string TXT = RecordTypes.TXT;
    private const string Resource = "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"";

    private static void AssertChanges(Changes expected, Changes actual)
    {
        AssertSame(expected.Create, actual.Create);
        AssertSame(expected.UpdateOld, actual.UpdateOld);
        AssertSame(expected.UpdateNew, actual.UpdateNew);
        AssertSame(expected.Delete, actual.Delete);
    }

    [Fact]
    public async Task ApplyChanges_WithPrefix_AddsTxtCounterparts()
    {
        var p = new FakeDnsProvider();
        p.Seed(
            E("foo.test-zone.example.org", "foo.loadbalancer.com", CNAME),
            E("bar.test-zone.example.org", "my-domain.com", CNAME),
            E("txt.bar.test-zone.example.org", Owner("owner"), TXT),
            E("txt.bar.test-zone.example.org", "baz.test-zone.example.org", CNAME),
            E("qux.test-zone.example.org", "random", TXT),
            E("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME),
            E("txt.tar.test-zone.example.org", Owner("owner"), TXT),
            E("txt.cname-tar.test-zone.example.org", Owner("owner"), TXT),
            E("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME),
            E("txt.foobar.test-zone.example.org", Owner("owner"), TXT),
            E("txt.cname-foobar.test-zone.example.org", Owner("owner"), TXT),
            E("multiple.test-zone.example.org", "lb1.loadbalancer.com", CNAME).WithSetIdentifier("test-set-1"),
            E("txt.multiple.test-zone.example.org", Owner("owner"), TXT).WithSetIdentifier("test-set-1"),
            E("txt.cname-multiple.test-zone.example.org", Owner("owner"), TXT).WithSetIdentifier("test-set-1"),
            E("multiple.test-zone.example.org", "lb2.loadbalancer.com", CNAME).WithSetIdentifier("test-set-2"),
            E("txt.multiple.test-zone.example.org", Owner("owner"), TXT).WithSetIdentifier("test-set-2"),
            E("txt.cname-multiple.test-zone.example.org", Owner("owner"), TXT).WithSetIdentifier("test-set-2"));
        var r = NewRegistry(p, prefix: "txt.");

        await r.ApplyChangesAsync(new Changes
        {
            Create =
            [
                Cname("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
                Cname("multiple.test-zone.example.org", "lb3.loadbalancer.com", "owner", "ingress/default/my-ingress").WithSetIdentifier("test-set-3"),
                Cname("example", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
            ],
            Delete =
            [
                E("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, "owner"),
                E("multiple.test-zone.example.org", "lb1.loadbalancer.com", CNAME, "owner").WithSetIdentifier("test-set-1"),
            ],
            UpdateNew =
            [
                Cname("tar.test-zone.example.org", "new-tar.loadbalancer.com", "owner", "ingress/default/my-ingress-2"),
                Cname("multiple.test-zone.example.org", "new.loadbalancer.com", "owner", "ingress/default/my-ingress-2").WithSetIdentifier("test-set-2"),
            ],
            UpdateOld =
            [
                E("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, "owner"),
                E("multiple.test-zone.example.org", "lb2.loadbalancer.com", CNAME, "owner").WithSetIdentifier("test-set-2"),
            ],
        }, default);

        const string resource2 = "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress-2\"";
        AssertChanges(
            new Changes
            {
                Create =
                [
                    Cname("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
                    Txt("txt.cname-new-record-1.test-zone.example.org", Resource, "new-record-1.test-zone.example.org"),
                    Cname("multiple.test-zone.example.org", "lb3.loadbalancer.com", "owner", "ingress/default/my-ingress").WithSetIdentifier("test-set-3"),
                    Txt("txt.cname-multiple.test-zone.example.org", Resource, "multiple.test-zone.example.org").WithSetIdentifier("test-set-3"),
                    Cname("example", "new-loadbalancer-1.lb.com", "owner", "ingress/default/my-ingress"),
                    Txt("txt.cname-example", Resource, "example"),
                ],
                Delete =
                [
                    E("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, "owner"),
                    Txt("txt.cname-foobar.test-zone.example.org", Owner("owner"), "foobar.test-zone.example.org"),
                    E("multiple.test-zone.example.org", "lb1.loadbalancer.com", CNAME, "owner").WithSetIdentifier("test-set-1"),
                    Txt("txt.cname-multiple.test-zone.example.org", Owner("owner"), "multiple.test-zone.example.org").WithSetIdentifier("test-set-1"),
                ],
                UpdateNew =
                [
                    Cname("tar.test-zone.example.org", "new-tar.loadbalancer.com", "owner", "ingress/default/my-ingress-2"),
                    Txt("txt.cname-tar.test-zone.example.org", resource2, "tar.test-zone.example.org"),
                    Cname("multiple.test-zone.example.org", "new.loadbalancer.com", "owner", "ingress/default/my-ingress-2").WithSetIdentifier("test-set-2"),
                    Txt("txt.cname-multiple.test-zone.example.org", resource2, "multiple.test-zone.example.org").WithSetIdentifier("test-set-2"),
                ],
                UpdateOld =
                [
                    E("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, "owner"),
                    Txt("txt.cname-tar.test-zone.example.org", Owner("owner"), "tar.test-zone.example.org"),
                    E("multiple.test-zone.example.org", "lb2.loadbalancer.com", CNAME, "owner").WithSetIdentifier("test-set-2"),
                    Txt("txt.cname-multiple.test-zone.example.org", Owner("owner"), "multiple.test-zone.example.org").WithSetIdentifier("test-set-2"),
                ],
            },
            Assert.Single(p.Applied));
    }

    [Theory]
    [InlineData("prefix%{record_type}.", "", "owner-1", "prefixcname.new-record-1.test-zone.example.org")]
    [InlineData("", "-%{record_type}suffix", "owner-2", "new-record-1-cnamesuffix.test-zone.example.org")]
    [InlineData("", "-txt", "owner", "cname-new-record-1-txt.test-zone.example.org")]
    [InlineData("txt.", "", "owner", "txt.cname-new-record-1.test-zone.example.org")]
    [InlineData("", "", "owner", "cname-new-record-1.test-zone.example.org")]
    public async Task ApplyChanges_Create_TxtNameFollowsAffix(string prefix, string suffix, string owner, string txtName)
    {
        var p = new FakeDnsProvider();
        var r = NewRegistry(p, prefix: prefix, suffix: suffix, owner: owner);

        await r.ApplyChangesAsync(new Changes { Create = [Cname("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", owner, "ingress/default/my-ingress")] }, default);

        AssertSame(
            [
                Cname("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", owner, "ingress/default/my-ingress"),
                Txt(txtName, $"\"heritage=external-dns,external-dns/owner={owner},external-dns/resource=ingress/default/my-ingress\"", "new-record-1.test-zone.example.org"),
            ],
            Assert.Single(p.Applied).Create);
    }

    [Fact]
    public async Task ApplyChanges_NoPrefix_StampsOwner_FiltersForeignUpdates_AliasGetsATxt()
    {
        var p = new FakeDnsProvider();
        p.Seed(
            E("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME),
            E("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME),
            E("foobar.test-zone.example.org", Owner("owner"), TXT),
            E("cname-foobar.test-zone.example.org", Owner("owner"), TXT));
        var r = NewRegistry(p);

        await r.ApplyChangesAsync(new Changes
        {
            Create =
            [
                E("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", CNAME),
                E("example", "new-loadbalancer-1.lb.com", CNAME),
                E("new-alias.test-zone.example.org", "my-domain.com", A).WithAlias("true"),
                E("new-alias-a-only.test-zone.example.org", "my-domain.com", A).WithAlias("A"),
            ],
            Delete = [E("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, "owner")],
            UpdateNew = [E("tar.test-zone.example.org", "new-tar.loadbalancer.com", CNAME, "owner-2")],
            UpdateOld = [E("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, "owner-2")],
        }, default);

        AssertChanges(
            new Changes
            {
                Create =
                [
                    E("new-record-1.test-zone.example.org", "new-loadbalancer-1.lb.com", CNAME, "owner"),
                    Txt("cname-new-record-1.test-zone.example.org", Owner("owner"), "new-record-1.test-zone.example.org"),
                    E("example", "new-loadbalancer-1.lb.com", CNAME, "owner"),
                    Txt("cname-example", Owner("owner"), "example"),
                    E("new-alias.test-zone.example.org", "my-domain.com", A, "owner").WithAlias("true"),
                    Txt("a-new-alias.test-zone.example.org", Owner("owner"), "new-alias.test-zone.example.org").WithAlias("true"),
                    E("new-alias-a-only.test-zone.example.org", "my-domain.com", A, "owner").WithAlias("A"),
                    Txt("a-new-alias-a-only.test-zone.example.org", Owner("owner"), "new-alias-a-only.test-zone.example.org").WithAlias("A"),
                ],
                Delete =
                [
                    E("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, "owner"),
                    Txt("cname-foobar.test-zone.example.org", Owner("owner"), "foobar.test-zone.example.org"),
                ],
            },
            Assert.Single(p.Applied));
    }

    [Theory]
    [InlineData(CNAME, "new-foo.loadbalancer.com", "cname-foo.test-zone.example.org")]
    [InlineData(A, "1.2.3.4", "a-foo.test-zone.example.org")]
    [InlineData(AAAA, "2001:DB8::1", "aaaa-foo.test-zone.example.org")]
    public async Task GenerateTxt_TypedName_CopiesSetIdAndProviderSpecific(string type, string target, string txtName)
    {
        var p = new FakeDnsProvider();
        var record = E("foo.test-zone.example.org", target, type, "owner").WithSetIdentifier("eu").WithProviderSpecific("aws/weight", "10");

        await NewRegistry(p).ApplyChangesAsync(new Changes { Create = [record] }, default);

        var txt = Assert.Single(Assert.Single(p.Applied).Create, e => e.RecordType == TXT);
        Assert.Equal(Describe(Txt(txtName, Owner("owner"), "foo.test-zone.example.org").WithSetIdentifier("eu").WithProviderSpecific("aws/weight", "10")), Describe(txt));
    }

    [Fact]
    public async Task GenerateTxt_Migration_RewritesOldOwner()
    {
        var p = new FakeDnsProvider();
        var r = NewRegistry(p, owner: "foobar", migrateFrom: "owner");

        await r.ApplyChangesAsync(new Changes { Create = [E("foo.test-zone.example.org", "1.2.3.4", A, "owner")] }, default);

        var txt = Assert.Single(Assert.Single(p.Applied).Create, e => e.RecordType == TXT);
        Assert.Equal(Owner("foobar"), txt.Targets[0]);
    }

    [Fact]
    public async Task GenerateTxt_LabelLongerThan63_NoTxt()
    {
        var p = new FakeDnsProvider();
        var name = "foo-some-really-big-name-not-supported-and-will-fail-000000000000000000.test-zone.example.org";

        await NewRegistry(p).ApplyChangesAsync(new Changes { Create = [E(name, "new-foo.loadbalancer.com", CNAME)] }, default);

        Assert.Equal(name, Assert.Single(Assert.Single(p.Applied).Create).DnsName);
    }

    [Fact]
    public async Task MultiClusterDifferentRecordTypeOwnership_NoChanges()
    {
        var p = new FakeDnsProvider();
        p.Seed(
            E("bar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=cat,external-dns/resource=ingress/default/foo\"", TXT),
            E("bar.test-zone.example.org", "1.2.3.4", A));
        var r = NewRegistry(p, prefix: "_owner.", owner: "bar");
        var records = await r.RecordsAsync(default);
        var desired = Bare("bar.test-zone.example.org", CNAME, "cluster-b").WithLabel(Labels.ResourceKey, "ingress/default/foo-127");

        var changes = ScenarioPlanner.Plan(records, [desired], "bar", [A, AAAA, CNAME]);
        await r.ApplyChangesAsync(changes, default);

        var applied = Assert.Single(p.Applied);
        Assert.False(applied.HasChanges);
    }

    public static TheoryData<string, string, string> RecreateCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var scenario in new[] { "A", "AAAA", "CNAME", "A+CNAME", "A with CNAME present", "one of five", "owned without TXT", "other owner" })
        {
            foreach (var setId in new[] { string.Empty, "set-identifier" })
            {
                foreach (var policy in ScenarioPlanner.Policies)
                {
                    data.Add(scenario, setId, policy);
                }
            }
        }

        return data;
    }

    /// <summary>Upstream issue #4914: a missing record whose TXT survived is recreated without duplicating the TXT.</summary>
    [Theory]
    [MemberData(nameof(RecreateCases))]
    public async Task RecreatesMissingRecords_AcrossLoops(string scenario, string setId, string policy)
    {
        const string o = "owner";
        static Endpoint Own(string name, string target, string type, string owner = o) => E(name, target, type, owner);
        static Endpoint T(string name, string owner = o) => E(name, Owner(owner), TXT, owner);
        const string r1 = "new-record-1.test-zone.example.org";
        const string r2 = "new-record-2.test-zone.example.org";
        (Endpoint[] Desired, Endpoint[] Existing, Endpoint[] Create) c = scenario switch
        {
            "A" => ([E(r1, "1.1.1.1", A)], [T(r1), T("a-" + r1)], [Own(r1, "1.1.1.1", A)]),
            "AAAA" => ([E(r1, "2001:db8::1", AAAA)], [T(r1), T("aaaa-" + r1)], [Own(r1, "2001:db8::1", AAAA)]),
            "CNAME" => ([E(r1, "new-loadbalancer-1.lb.com", CNAME)], [T(r1), T("cname-" + r1)], [Own(r1, "new-loadbalancer-1.lb.com", CNAME)]),
            "A+CNAME" => (
                [E(r1, "1.1.1.1", A), E(r2, "new-loadbalancer-1.lb.com", CNAME)],
                [T(r1), T(r2), T("a-" + r1), T("cname-" + r2)],
                [Own(r1, "1.1.1.1", A), Own(r2, "new-loadbalancer-1.lb.com", CNAME)]),
            "A with CNAME present" => (
                [E(r1, "1.1.1.1", A), E(r2, "new-loadbalancer-1.lb.com", CNAME)],
                [Own(r2, "new-loadbalancer-1.lb.com", CNAME), T(r1), T(r2), T("a-" + r1), T("cname-" + r2)],
                [Own(r1, "1.1.1.1", A)]),
            "one of five" => (
                [
                    E("record-1.test-zone.example.org", "1.1.1.1", A), E("record-2.test-zone.example.org", "1.1.1.2", A),
                    E("record-3.test-zone.example.org", "1.1.1.3", A), E("record-4.test-zone.example.org", "2001:db8::4", AAAA),
                    E("record-5.test-zone.example.org", "cluster-b", CNAME),
                ],
                [
                    T("record-1.test-zone.example.org"), T("a-record-1.test-zone.example.org"),
                    Own("record-2.test-zone.example.org", "1.1.1.2", A), T("record-2.test-zone.example.org"), T("a-record-2.test-zone.example.org"),
                    Own("record-3.test-zone.example.org", "1.1.1.3", A), T("record-3.test-zone.example.org"), T("a-record-3.test-zone.example.org"),
                    Own("record-4.test-zone.example.org", "2001:db8::4", AAAA), T("record-4.test-zone.example.org"), T("aaaa-record-4.test-zone.example.org"),
                    Own("record-5.test-zone.example.org", "cluster-b", CNAME), T("record-5.test-zone.example.org"), T("cname-record-5.test-zone.example.org"),
                ],
                [Own("record-1.test-zone.example.org", "1.1.1.1", A)]),
            "owned without TXT" => ([E("record-1.test-zone.example.org", "1.1.1.1", A)], [Own("record-1.test-zone.example.org", "1.1.1.1", A)], []),
            "other owner" => (
                [E("record-1.test-zone.example.org", "1.1.1.1", A)],
                [Own("record-1.test-zone.example.org", "1.1.1.1", A, "another-owner"), T("a-record-1.test-zone.example.org", "another-owner")],
                []),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };
        var (desired, existing, create) = c;
        foreach (var e in desired.Concat(existing).Concat(create))
        {
            e.SetIdentifier = setId;
        }

        var p = new FakeDnsProvider();
        p.Seed(existing);
        string[] managed = [A, CNAME, AAAA, TXT];
        var registry = NewRegistry(p, owner: o, cache: TimeSpan.FromHours(1), managed: managed);

        for (var loop = 0; loop < 3; loop++)
        {
            var records = await registry.RecordsAsync(default);
            var changes = ScenarioPlanner.Plan(records, desired, o, managed, policy);
            await registry.ApplyChangesAsync(changes, default);

            var applied = p.Applied[^1];
            if (loop == 0)
            {
                AssertSame(create, applied.Create);
            }
            else
            {
                Assert.Empty(applied.Create);
            }

            Assert.Empty(applied.UpdateOld);
            Assert.Empty(applied.UpdateNew);
            Assert.Empty(applied.Delete);
            AssertSame(existing.Concat(create), p.Stored);
        }
    }

    [Fact]
    public async Task RecreateRecordAfterDeletion_BothAAndTxtComeBack()
    {
        var p = new FakeDnsProvider();
        var r = NewRegistry(p, prefix: "%{record_type}-", owner: "foo", managed: [A]);
        var record = E("bar.test-zone.example.org", "1.2.3.4", A, "foo");
        var txt = Txt("a-bar.test-zone.example.org", Owner("foo"), "bar.test-zone.example.org");
        p.Seed(record, txt);
        var desired = new[] { Bare("bar.test-zone.example.org", A, "1.2.3.4") };

        var noChange = ScenarioPlanner.Plan(await r.RecordsAsync(default), desired, "foo", [A]);
        Assert.False(noChange.HasChanges);

        await p.ApplyChangesAsync(new Changes { Delete = [record, txt] }, default);
        var changes = ScenarioPlanner.Plan(await r.RecordsAsync(default), desired, "foo", [A]);
        Assert.True(changes.HasChanges);
        await r.ApplyChangesAsync(changes, default);

        AssertSame([record, txt], p.Stored);
    }

    [Fact]
    public async Task ForceUpdate_WritesTheNewFormatTxtThenSettles()
    {
        var p = new FakeDnsProvider();
        p.Seed(E("old.test-zone.example.org", "1.2.3.4", A), E("old.test-zone.example.org", Owner("owner"), TXT));
        var r = NewRegistry(p, managed: [A]);
        var desired = new[] { Bare("old.test-zone.example.org", A, "1.2.3.4") };

        var first = ScenarioPlanner.Plan(await r.RecordsAsync(default), desired, "owner", [A]);
        Assert.Single(first.UpdateNew);
        await r.ApplyChangesAsync(first, default);
        Assert.Contains(p.Stored, e => e.DnsName == "a-old.test-zone.example.org" && e.Targets[0] == Owner("owner"));

        var second = ScenarioPlanner.Plan(await r.RecordsAsync(default), desired, "owner", [A]);
        Assert.False(second.HasChanges);
    }

    [Fact]
    public async Task AliasA_CreateUsesATxtNotCname()
    {
        var p = new FakeDnsProvider();
        var alias = E("alias.test-zone.example.org", "foo.eu-central-1.elb.amazonaws.com", A).WithAlias("true");

        await NewRegistry(p).ApplyChangesAsync(new Changes { Create = [alias] }, default);

        var created = Assert.Single(p.Applied).Create;
        Assert.Contains(created, e => e.DnsName == "alias.test-zone.example.org" && e.RecordType == A);
        Assert.Contains(created, e => e.DnsName == "a-alias.test-zone.example.org" && e.RecordType == TXT);
        Assert.DoesNotContain(created, e => e.DnsName == "cname-alias.test-zone.example.org");
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task AliasA_LegacyCnameTxtKeepsOwnership_ForceUpdateOnlyWhileATxtMissing(bool withATxt, bool wantForce)
    {
        const string name = "alias.test-zone.example.org";
        var p = new FakeDnsProvider();
        p.Seed(
            E(name, "foo.eu-central-1.elb.amazonaws.com", A, "owner").WithAlias("true"),
            Txt("cname-alias.test-zone.example.org", Owner("owner"), name));
        if (withATxt)
        {
            p.Seed(Txt("a-alias.test-zone.example.org", Owner("owner"), name));
        }

        var records = await NewRegistry(p, managed: [A]).RecordsAsync(default);

        var alias = Assert.Single(records, e => e.DnsName == name && e.RecordType == A);
        Assert.Equal("owner", alias.Labels.Owner);
        Assert.Equal(wantForce, alias.GetProviderSpecific(Labels.ForceUpdateKey) == "true");
    }

    [Fact]
    public async Task AliasA_DeleteRemovesATxtAndKeepsLegacyCname()
    {
        const string name = "alias.test-zone.example.org";
        var p = new FakeDnsProvider();
        var alias = E(name, "foo.eu-central-1.elb.amazonaws.com", A, "owner").WithAlias("true");
        p.Seed(alias, Txt("a-alias.test-zone.example.org", Owner("owner"), name), Txt("cname-alias.test-zone.example.org", Owner("owner"), name));

        await NewRegistry(p, managed: [A]).ApplyChangesAsync(new Changes { Delete = [alias.Clone()] }, default);

        var deleted = Assert.Single(p.Applied).Delete;
        Assert.Contains(deleted, e => e.DnsName == name && e.RecordType == A);
        Assert.Contains(deleted, e => e.DnsName == "a-alias.test-zone.example.org");
        Assert.DoesNotContain(deleted, e => e.DnsName == "cname-alias.test-zone.example.org");
        Assert.Contains(p.Stored, e => e.DnsName == "cname-alias.test-zone.example.org");
    }

    [Fact]
    public async Task Cache_ServesRecordsWithinInterval_FollowsApplyChanges_RefreshesAfter()
    {
        var p = new FakeDnsProvider();
        p.Seed(E("a.test-zone.example.org", "1.1.1.1", A), E("a-a.test-zone.example.org", Owner("owner"), TXT));
        var time = new ExternalDns.Testing.FakeTimeProvider();
        var r = NewRegistry(p, cache: TimeSpan.FromMinutes(5), time: time);

        Assert.Single(await r.RecordsAsync(default));
        await r.ApplyChangesAsync(new Changes { Create = [E("b.test-zone.example.org", "2.2.2.2", A)] }, default);
        time.Advance(TimeSpan.FromMinutes(1));
        var cached = await r.RecordsAsync(default);

        Assert.Equal(1, p.RecordsCalls);
        Assert.Equal(["a.test-zone.example.org", "b.test-zone.example.org"], cached.Select(e => e.DnsName).Order().ToArray());

        // While cached, the TXT just created counts as existing: a repeated create does not duplicate it.
        await r.ApplyChangesAsync(new Changes { Delete = [E("b.test-zone.example.org", "2.2.2.2", A, "owner")] }, default);
        Assert.Single(await r.RecordsAsync(default));
        await r.ApplyChangesAsync(new Changes { Create = [E("b.test-zone.example.org", "2.2.2.2", A)] }, default);
        Assert.Contains(p.Applied[^1].Create, e => e.DnsName == "a-b.test-zone.example.org");

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, (await r.RecordsAsync(default)).Count);
        Assert.Equal(2, p.RecordsCalls);
    }

    [Fact]
    public async Task Cache_IsDroppedWhenTheProviderFails()
    {
        var p = new FakeDnsProvider();
        var r = NewRegistry(p, cache: TimeSpan.FromMinutes(5), time: new ExternalDns.Testing.FakeTimeProvider());
        await r.RecordsAsync(default);
        p.FailNextApply = new InvalidOperationException("boom");

        await Assert.ThrowsAsync<InvalidOperationException>(() => r.ApplyChangesAsync(new Changes { Create = [E("b.test-zone.example.org", "2.2.2.2", A)] }, default));
        await r.RecordsAsync(default);

        Assert.Equal(2, p.RecordsCalls);
    }
}
