using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using static ExternalDns.Core.Tests.Registry.TestEndpoints;
using static ExternalDns.Core.Tests.Registry.TxtRegistryRecordsTests;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>
/// The registry's ownership table past its first size: the TXTs written by an apply are added to the table read
/// before it (it grows), and the next apply must still find every stored value (a delete names it byte for byte).
/// </summary>
public class TxtRegistryManyRecordsTests
{
    private static string Value(string resource) => $"\"heritage=external-dns,external-dns/owner=owner,external-dns/resource={resource}\"";

    [Fact]
    public async Task Txts_written_after_a_read_are_found_by_the_next_apply()
    {
        var p = new FakeDnsProvider();
        for (var i = 0; i < 50; i++)
        {
            p.Seed(E($"seed-{i}.{Zone}", "10.0.0.1", RecordTypes.A), E($"a-seed-{i}.{Zone}", Value($"service/default/seed-{i}"), RecordTypes.TXT));
        }

        var registry = NewRegistry(p, managed: [RecordTypes.A]);
        var records = await registry.RecordsAsync(CancellationToken.None);
        Assert.Equal(50, records.Count);
        Assert.All(records, r => Assert.Equal("owner", r.Labels.Owner));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"service/default/seed-{i}"), records.Select(r => r.Labels.Resource));

        // 300 creates (their TXTs are stored after the apply: the table grows past its read size).
        var creates = Enumerable.Range(0, 300).Select(i =>
            new Endpoint($"new-{i}.{Zone}", RecordTypes.A, "10.0.1.1").WithLabel(Labels.ResourceKey, $"service/default/new-{i}")).ToList();
        await registry.ApplyChangesAsync(new Changes { Create = creates }, CancellationToken.None);
        Assert.Equal(50 + 50 + 300 + 300, p.Stored.Count);

        // Without a read in between: deletes of new and seeded records name the stored TXT values; a create of an
        // existing record's TXT is not sent again.
        var delete = Enumerable.Range(0, 300).Where(i => i % 2 == 0).Select(i => creates[i]).Concat(records.Take(10)).ToList();
        var again = new Endpoint($"new-1.{Zone}", RecordTypes.A, "10.0.1.1").WithLabel(Labels.ResourceKey, "service/default/new-1");
        await registry.ApplyChangesAsync(new Changes { Delete = delete }, CancellationToken.None);
        Assert.Equal(50 + 50 + 300 + 300 - (2 * 160), p.Stored.Count);
        Assert.DoesNotContain(p.Stored, r => r.DnsName == $"a-new-0.{Zone}");
        Assert.Contains(p.Stored, r => r.DnsName == $"a-new-1.{Zone}");

        p.Applied.Clear();
        await Assert.ThrowsAsync<ExternalDns.Core.Providers.InvalidChangeException>(
            () => registry.ApplyChangesAsync(new Changes { Create = [again] }, CancellationToken.None));
        var sent = Assert.Single(p.Applied);
        Assert.Equal([$"new-1.{Zone}"], sent.Create.Select(e => e.DnsName));

        // A fresh read sees the same ownership.
        var reread = await registry.RecordsAsync(CancellationToken.None);
        Assert.Equal(40 + 150, reread.Count);
        Assert.All(reread, r => Assert.Equal("owner", r.Labels.Owner));
        Assert.All(reread, r => Assert.Equal("service/default/" + r.DnsName.Split('.')[0], r.Labels.Resource));
    }
}
