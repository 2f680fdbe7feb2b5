using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Registry;
using static ExternalDns.Core.Tests.Registry.TestEndpoints;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>Upstream's Records scenarios (registry_test.go testTXTRegistryRecords*, MissingRecords).</summary>
public class TxtRegistryRecordsTests
{
    private const string A = RecordTypes.A;
    private const string AAAA = RecordTypes.AAAA;
    private const string CNAME = RecordTypes.CNAME;
    private const string TXT = RecordTypes.TXT;

    internal static TxtRegistry NewRegistry(
        FakeDnsProvider p, string prefix = "", string suffix = "", string owner = "owner", string wildcard = "",
        string[]? managed = null, TimeSpan cache = default, TimeProvider? time = null, string migrateFrom = "",
        bool encrypt = false, string key = "") =>
        new(p, new TxtRegistryOptions
        {
            OwnerId = owner,
            Prefix = prefix,
            Suffix = suffix,
            WildcardReplacement = wildcard,
            ManagedRecordTypes = managed ?? [],
            CacheInterval = cache,
            MigrateFromOwner = migrateFrom,
            EncryptEnabled = encrypt,
            EncryptAesKey = key,
        }, time);

    private static Endpoint Ex(string name, string target, string type, string owner, Labels? labels = null) =>
        E(name, target, type, owner, labels);

    private static Labels L(params (string, string)[] kv)
    {
        var l = new Labels();
        foreach (var (k, v) in kv)
        {
            l[k] = v;
        }

        return l;
    }

    private static Endpoint Srv(string name) =>
        new Endpoint(name, RecordTypes.SRV, "1 50 5060 sip1-n1.test-zone.example.org", "1 50 5060 sip1-n2.test-zone.example.org")
            .WithLabel(Labels.OwnerKey, string.Empty);

    private const string Naptr = "10 \"U\" \"SIP+DTU\" \"\" _sip._udp.sip1.test-zone.example.org.";

    private static List<Endpoint> ExpectedAffixed() =>
    [
        Ex("foo.test-zone.example.org", "foo.loadbalancer.com", CNAME, "", L(("foo", "somefoo"))),
        Ex("bar.test-zone.example.org", "my-domain.com", CNAME, "owner", L(("bar", "somebar"))),
        Ex("qux.test-zone.example.org", "random", TXT, ""),
        Ex("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, "owner-2", L(("tar", "sometar"))),
        Ex("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, ""),
        Ex("multiple.test-zone.example.org", "lb1.loadbalancer.com", CNAME, "").WithSetIdentifier("test-set-1"),
        Ex("multiple.test-zone.example.org", "lb2.loadbalancer.com", CNAME, "").WithSetIdentifier("test-set-2"),
        Ex("dualstack.test-zone.example.org", "1.1.1.1", A, "owner"),
        Ex("dualstack.test-zone.example.org", "2001:DB8::1", AAAA, "owner-2"),
        Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, "owner"),
        Srv("_sip._udp.sip1.test-zone.example.org").WithLabel(Labels.OwnerKey, "owner"),
        Ex("sip1.test-zone.example.org", Naptr, RecordTypes.NAPTR, "owner"),
    ];

    [Theory]
    [InlineData("txt.")]
    [InlineData("TxT.")]
    public async Task Records_WithPrefix(string prefix)
    {
        var p = new FakeDnsProvider();
        p.Seed(
            Ex("foo.test-zone.example.org", "foo.loadbalancer.com", CNAME, "", L(("foo", "somefoo"))),
            Ex("bar.test-zone.example.org", "my-domain.com", CNAME, "", L(("bar", "somebar"))),
            Ex("txt.bar.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("txt.bar.test-zone.example.org", "baz.test-zone.example.org", CNAME, ""),
            Ex("qux.test-zone.example.org", "random", TXT, ""),
            Ex("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, "", L(("tar", "sometar"))),
            Ex("TxT.tar.test-zone.example.org", Owner("owner-2"), TXT, ""),
            Ex("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, ""),
            Ex("foobar.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("multiple.test-zone.example.org", "lb1.loadbalancer.com", CNAME, "").WithSetIdentifier("test-set-1"),
            Ex("multiple.test-zone.example.org", Owner("owner"), TXT, "").WithSetIdentifier("test-set-1"),
            Ex("multiple.test-zone.example.org", "lb2.loadbalancer.com", CNAME, "").WithSetIdentifier("test-set-2"),
            Ex("multiple.test-zone.example.org", Owner("owner"), TXT, "").WithSetIdentifier("test-set-2"),
            Ex("*.wildcard.test-zone.example.org", "foo.loadbalancer.com", CNAME, ""),
            Ex("txt.wc.wildcard.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("dualstack.test-zone.example.org", "1.1.1.1", A, ""),
            Ex("txt.dualstack.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("dualstack.test-zone.example.org", "2001:DB8::1", AAAA, ""),
            Ex("txt.aaaa-dualstack.test-zone.example.org", Owner("owner-2"), TXT, ""),
            Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, ""),
            Ex("txt.mx-mail.test-zone.example.org", Owner("owner"), TXT, ""),
            Srv("_sip._udp.sip1.test-zone.example.org"),
            Ex("txt._sip._udp.sip1.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("sip1.test-zone.example.org", Naptr, RecordTypes.NAPTR, ""),
            Ex("txt.sip1.test-zone.example.org", Owner("owner"), TXT, ""));

        var expected = ExpectedAffixed();
        expected.Add(Ex("txt.bar.test-zone.example.org", "baz.test-zone.example.org", CNAME, ""));
        expected.Add(Ex("*.wildcard.test-zone.example.org", "foo.loadbalancer.com", CNAME, "owner"));

        var records = await NewRegistry(p, prefix: prefix, wildcard: "wc").RecordsAsync(default);

        AssertSame(expected, records);
    }

    [Theory]
    [InlineData("-txt")]
    [InlineData("-TxT")]
    public async Task Records_WithSuffix(string suffix)
    {
        var p = new FakeDnsProvider();
        p.Seed(
            Ex("foo.test-zone.example.org", "foo.loadbalancer.com", CNAME, "", L(("foo", "somefoo"))),
            Ex("bar.test-zone.example.org", "my-domain.com", CNAME, "", L(("bar", "somebar"))),
            Ex("bar-txt.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("bar-txt.test-zone.example.org", "baz.test-zone.example.org", CNAME, ""),
            Ex("qux.test-zone.example.org", "random", TXT, ""),
            Ex("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, "", L(("tar", "sometar"))),
            Ex("tar-TxT.test-zone.example.org", Owner("owner-2"), TXT, ""),
            Ex("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, ""),
            Ex("foobar.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("multiple.test-zone.example.org", "lb1.loadbalancer.com", CNAME, "").WithSetIdentifier("test-set-1"),
            Ex("multiple.test-zone.example.org", Owner("owner"), TXT, "").WithSetIdentifier("test-set-1"),
            Ex("multiple.test-zone.example.org", "lb2.loadbalancer.com", CNAME, "").WithSetIdentifier("test-set-2"),
            Ex("multiple.test-zone.example.org", Owner("owner"), TXT, "").WithSetIdentifier("test-set-2"),
            Ex("dualstack.test-zone.example.org", "1.1.1.1", A, ""),
            Ex("dualstack-txt.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("dualstack.test-zone.example.org", "2001:DB8::1", AAAA, ""),
            Ex("aaaa-dualstack-txt.test-zone.example.org", Owner("owner-2"), TXT, ""),
            Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, ""),
            Ex("mx-mail-txt.test-zone.example.org", Owner("owner"), TXT, ""),
            Srv("_sip._udp.sip1.test-zone.example.org"),
            Ex("_sip-txt._udp.sip1.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("sip1.test-zone.example.org", Naptr, RecordTypes.NAPTR, ""),
            Ex("sip1-txt.test-zone.example.org", Owner("owner"), TXT, ""));

        var expected = ExpectedAffixed();
        expected.Add(Ex("bar-txt.test-zone.example.org", "baz.test-zone.example.org", CNAME, ""));

        var records = await NewRegistry(p, suffix: suffix).RecordsAsync(default);

        AssertSame(expected, records);
    }

    [Fact]
    public async Task Records_NoPrefix_ReadsOldAndNewFormatAndLegacyAliasTxt()
    {
        var p = new FakeDnsProvider();
        p.Seed(
            Ex("foo.test-zone.example.org", "foo.loadbalancer.com", CNAME, ""),
            Ex("bar.test-zone.example.org", "my-domain.com", CNAME, ""),
            Ex("alias.test-zone.example.org", "my-domain.com", A, "").WithAlias("true"),
            Ex("cname-alias.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("txt.bar.test-zone.example.org", "\"heritage=external-dns,external-dns/owner=owner,external-dns/resource=ingress/default/my-ingress\"", TXT, ""),
            Ex("txt.bar.test-zone.example.org", "baz.test-zone.example.org", CNAME, ""),
            Ex("qux.test-zone.example.org", "random", TXT, ""),
            Ex("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, ""),
            Ex("txt.tar.test-zone.example.org", Owner("owner-2"), TXT, ""),
            Ex("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, ""),
            Ex("foobar.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("dualstack.test-zone.example.org", "1.1.1.1", A, ""),
            Ex("dualstack.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("dualstack.test-zone.example.org", "2001:DB8::1", AAAA, ""),
            Ex("aaaa-dualstack.test-zone.example.org", Owner("owner-2"), TXT, ""),
            Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, ""),
            Ex("mx-mail.test-zone.example.org", Owner("owner"), TXT, ""),
            Srv("_sip._udp.sip1.test-zone.example.org"),
            Ex("_sip._udp.sip1.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("sip1.test-zone.example.org", Naptr, RecordTypes.NAPTR, ""),
            Ex("sip1.test-zone.example.org", Owner("owner"), TXT, ""));

        List<Endpoint> expected =
        [
            Ex("foo.test-zone.example.org", "foo.loadbalancer.com", CNAME, ""),
            Ex("bar.test-zone.example.org", "my-domain.com", CNAME, ""),
            Ex("alias.test-zone.example.org", "my-domain.com", A, "owner").WithAlias("true"),
            Ex("txt.bar.test-zone.example.org", "baz.test-zone.example.org", CNAME, "owner", L((Labels.ResourceKey, "ingress/default/my-ingress"))),
            Ex("qux.test-zone.example.org", "random", TXT, ""),
            Ex("tar.test-zone.example.org", "tar.loadbalancer.com", CNAME, ""),
            Ex("foobar.test-zone.example.org", "foobar.loadbalancer.com", CNAME, "owner"),
            Ex("dualstack.test-zone.example.org", "1.1.1.1", A, "owner"),
            Ex("dualstack.test-zone.example.org", "2001:DB8::1", AAAA, "owner-2"),
            Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, "owner"),
            Srv("_sip._udp.sip1.test-zone.example.org").WithLabel(Labels.OwnerKey, "owner"),
            Ex("sip1.test-zone.example.org", Naptr, RecordTypes.NAPTR, "owner"),
        ];

        AssertSame(expected, await NewRegistry(p).RecordsAsync(default));
    }

    [Theory]
    [InlineData("txt-%{record_type}.")]
    [InlineData("TxT-%{record_type}.")]
    public async Task Records_WithTemplatedPrefix(string prefix)
    {
        var p = new FakeDnsProvider();
        p.Seed(
            Ex("foo.test-zone.example.org", "1.1.1.1", A, ""),
            Ex("txt-a.foo.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, ""),
            Ex("txt-mx.mail.test-zone.example.org", Owner("owner"), TXT, ""));

        AssertSame(
            [Ex("foo.test-zone.example.org", "1.1.1.1", A, "owner"), Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, "owner")],
            await NewRegistry(p, prefix: prefix, wildcard: "wc").RecordsAsync(default));
    }

    [Theory]
    [InlineData("txt%{record_type}")]
    [InlineData("TxT%{record_type}")]
    public async Task Records_WithTemplatedSuffix_AlsoReadsTheUntemplatedOldName(string suffix)
    {
        var p = new FakeDnsProvider();
        p.Seed(
            Ex("bar.test-zone.example.org", "8.8.8.8", CNAME, ""),
            Ex("bartxtcname.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, ""),
            Ex("mailtxt.test-zone.example.org", Owner("owner"), TXT, ""));

        AssertSame(
            [Ex("bar.test-zone.example.org", "8.8.8.8", CNAME, "owner"), Ex("mail.test-zone.example.org", "10 onemail.example.com", RecordTypes.MX, "owner")],
            await NewRegistry(p, suffix: suffix, wildcard: "wc").RecordsAsync(default));
    }

    [Fact]
    public async Task Records_DropsTxtWithoutTargets_KeepsOrdinaryTxt()
    {
        var p = new FakeDnsProvider();
        p.Seed(Bare("empty-targets.test-zone.example.org", TXT), Bare("valid-targets.test-zone.example.org", TXT, "target1"));

        AssertSame([Bare("valid-targets.test-zone.example.org", TXT, "target1")], await NewRegistry(p).RecordsAsync(default));
    }

    [Fact]
    public async Task MissingRecords_NoPrefix_FlagsOwnedManagedRecordsWithOnlyOldFormatTxt()
    {
        const string long63 = "this-is-a-63-characters-long-label-that-we-do-expect-will-work";
        var p = new FakeDnsProvider();
        p.Seed(
            Ex("oldformat.test-zone.example.org", "foo.loadbalancer.com", CNAME, ""),
            Ex("oldformat.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("oldformat2.test-zone.example.org", "bar.loadbalancer.com", A, ""),
            Ex("oldformat2.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("newformat.test-zone.example.org", "foobar.nameserver.com", RecordTypes.NS, ""),
            Ex("ns-newformat.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("newformat.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("noheritage.test-zone.example.org", "random", TXT, ""),
            Ex("oldformat-otherowner.test-zone.example.org", "bar.loadbalancer.com", A, ""),
            Ex("oldformat-otherowner.test-zone.example.org", Owner("otherowner"), TXT, ""),
            Bare("unmanaged1.test-zone.example.org", A, "unmanaged1.loadbalancer.com"),
            Bare("unmanaged2.test-zone.example.org", CNAME, "unmanaged2.loadbalancer.com"),
            Ex(long63 + ".test-zone.example.org", "foo.loadbalancer.com", CNAME, ""),
            Ex(long63 + ".test-zone.example.org", Owner("owner"), TXT, ""));

        List<Endpoint> expected =
        [
            Ex("oldformat.test-zone.example.org", "foo.loadbalancer.com", CNAME, "owner").WithProviderSpecific(Labels.ForceUpdateKey, "true"),
            Ex("oldformat2.test-zone.example.org", "bar.loadbalancer.com", A, "owner").WithProviderSpecific(Labels.ForceUpdateKey, "true"),
            Ex("newformat.test-zone.example.org", "foobar.nameserver.com", RecordTypes.NS, "owner"),
            Ex("noheritage.test-zone.example.org", "random", TXT, ""),
            Ex("oldformat-otherowner.test-zone.example.org", "bar.loadbalancer.com", A, "otherowner"),
            Bare("unmanaged1.test-zone.example.org", A, "unmanaged1.loadbalancer.com"),
            Bare("unmanaged2.test-zone.example.org", CNAME, "unmanaged2.loadbalancer.com"),
            Ex(long63 + ".test-zone.example.org", "foo.loadbalancer.com", CNAME, "owner"),
        ];

        var records = await NewRegistry(p, wildcard: "wc", managed: [CNAME, A, RecordTypes.NS]).RecordsAsync(default);

        AssertSame(expected, records);
    }

    [Fact]
    public async Task MissingRecords_WithPrefix_FlagsManagedTxtToo()
    {
        var p = new FakeDnsProvider();
        p.Seed(
            Ex("oldformat.test-zone.example.org", "foo.loadbalancer.com", CNAME, ""),
            Ex("txt.oldformat.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("oldformat2.test-zone.example.org", "bar.loadbalancer.com", A, ""),
            Ex("txt.oldformat2.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("newformat.test-zone.example.org", "foobar.nameserver.com", RecordTypes.NS, ""),
            Ex("txt.ns-newformat.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("oldformat3.test-zone.example.org", "random", TXT, ""),
            Ex("txt.oldformat3.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("txt.newformat.test-zone.example.org", Owner("owner"), TXT, ""),
            Ex("noheritage.test-zone.example.org", "random", TXT, ""),
            Ex("oldformat-otherowner.test-zone.example.org", "bar.loadbalancer.com", A, ""),
            Ex("txt.oldformat-otherowner.test-zone.example.org", Owner("otherowner"), TXT, ""),
            Bare("unmanaged1.test-zone.example.org", A, "unmanaged1.loadbalancer.com"),
            Bare("unmanaged2.test-zone.example.org", CNAME, "unmanaged2.loadbalancer.com"));

        List<Endpoint> expected =
        [
            Ex("oldformat.test-zone.example.org", "foo.loadbalancer.com", CNAME, "owner").WithProviderSpecific(Labels.ForceUpdateKey, "true"),
            Ex("oldformat2.test-zone.example.org", "bar.loadbalancer.com", A, "owner").WithProviderSpecific(Labels.ForceUpdateKey, "true"),
            Ex("oldformat3.test-zone.example.org", "random", TXT, "owner").WithProviderSpecific(Labels.ForceUpdateKey, "true"),
            Ex("newformat.test-zone.example.org", "foobar.nameserver.com", RecordTypes.NS, "owner"),
            Ex("noheritage.test-zone.example.org", "random", TXT, ""),
            Ex("oldformat-otherowner.test-zone.example.org", "bar.loadbalancer.com", A, "otherowner"),
            Bare("unmanaged1.test-zone.example.org", A, "unmanaged1.loadbalancer.com"),
            Bare("unmanaged2.test-zone.example.org", CNAME, "unmanaged2.loadbalancer.com"),
        ];

        var records = await NewRegistry(p, prefix: "txt.", wildcard: "wc", managed: [CNAME, A, RecordTypes.NS, TXT]).RecordsAsync(default);

        AssertSame(expected, records);
    }

    [Fact]
    public async Task Records_MigrateFromOwner_RewritesOwner()
    {
        var p = new FakeDnsProvider();
        p.Seed(Ex("bar.test-zone.example.org", "1.2.3.4", A, ""), Ex("a-bar.test-zone.example.org", Owner("foo"), TXT, ""));

        var records = await NewRegistry(p, owner: "foobar", migrateFrom: "foo").RecordsAsync(default);

        Assert.Equal("foobar", Assert.Single(records).Labels.Owner);
    }
}
