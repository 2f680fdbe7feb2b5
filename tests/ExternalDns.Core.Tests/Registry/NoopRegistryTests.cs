using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Registry;
using static ExternalDns.Core.Tests.Registry.TestEndpoints;

namespace ExternalDns.Core.Tests.Registry;

public class NoopRegistryTests
{
    [Fact]
    public async Task PassesRecordsAndChangesThrough_WithoutOwnership()
    {
        var p = new FakeDnsProvider();
        p.Seed(Bare("a.test-zone.example.org", RecordTypes.A, "1.1.1.1"), Bare("a-a.test-zone.example.org", RecordTypes.TXT, Owner("x")));
        var r = new NoopRegistry(p);

        Assert.Equal(string.Empty, r.OwnerId);
        Assert.Same(p.DomainFilter, r.DomainFilter);
        AssertSame(p.Stored, await r.RecordsAsync(default));

        var changes = new Changes { Create = [Bare("b.test-zone.example.org", RecordTypes.A, "2.2.2.2")], Delete = [Bare("a.test-zone.example.org", RecordTypes.A, "1.1.1.1")] };
        await r.ApplyChangesAsync(changes, default);

        var applied = Assert.Single(p.Applied);
        AssertSame(changes.Create, applied.Create);
        AssertSame(changes.Delete, applied.Delete);
        Assert.DoesNotContain(p.Stored, e => e.Labels.ContainsKey(Labels.OwnerKey));
    }
}
