using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.InMemory;

namespace ExternalDns.Core.Tests.InMemory;

public class InMemoryProviderTests
{
    private static InMemoryProvider Provider() => new(new InMemoryProviderOptions { Zones = ["example.org", "sub.example.org", "example.com"] });

    private static async Task<List<string>> Dump(InMemoryProvider p) =>
        [.. (await p.RecordsAsync(CancellationToken.None)).Select(e => $"{e.DnsName} {e.RecordType} {e.Targets}").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Records_go_to_the_longest_matching_zone_and_outside_names_are_dropped()
    {
        var p = Provider();
        await p.ApplyChangesAsync(new Changes { Create = [new Endpoint("a.sub.example.org", "A", "1.1.1.1"), new Endpoint("b.example.org", "A", "2.2.2.2"), new Endpoint("c.elsewhere.net", "A", "3.3.3.3")] }, default);
        Assert.Equal(["a.sub.example.org A 1.1.1.1", "b.example.org A 2.2.2.2"], await Dump(p));
        Assert.True(p.DomainFilter.Match("x.sub.example.org"));
        Assert.False(p.DomainFilter.Match("c.elsewhere.net"));
        Assert.False(p.DomainFilter.Match("fooexample.org"));
    }

    [Fact]
    public async Task Update_and_delete_change_the_stored_records()
    {
        var p = Provider();
        var a = new Endpoint("a.example.org", "A", "1.1.1.1");
        await p.ApplyChangesAsync(new Changes { Create = [a] }, default);
        await p.ApplyChangesAsync(new Changes { UpdateOld = [a], UpdateNew = [new Endpoint("a.example.org", "A", "9.9.9.9")] }, default);
        Assert.Equal(["a.example.org A 9.9.9.9"], await Dump(p));
        await p.ApplyChangesAsync(new Changes { Delete = [new Endpoint("a.example.org", "A", "9.9.9.9")] }, default);
        Assert.Empty(await Dump(p));
    }

    [Fact]
    public async Task Stores_records_not_labels()
    {
        var p = Provider();
        var a = new Endpoint("a.example.org", "A", "1.1.1.1").WithLabel(Labels.OwnerKey, "me");
        await p.ApplyChangesAsync(new Changes { Create = [a] }, default);
        Assert.Empty(Assert.Single(await p.RecordsAsync(default)).Labels);
    }

    public static TheoryData<string, Changes> InvalidChangeSets => new()
    {
        { "create of an existing record", new Changes { Create = [new Endpoint("exists.example.org", "A", "5.5.5.5"), new Endpoint("new.example.org", "A", "6.6.6.6")] } },
        { "delete of a missing record", new Changes { Create = [new Endpoint("new.example.org", "A", "6.6.6.6")], Delete = [new Endpoint("missing.example.org", "A", "1.1.1.1")] } },
        { "update of a missing record", new Changes { UpdateOld = [new Endpoint("missing.example.org", "A", "1.1.1.1")], UpdateNew = [new Endpoint("missing.example.org", "A", "2.2.2.2")] } },
        { "the same record twice", new Changes { Create = [new Endpoint("twice.example.org", "A", "1.1.1.1"), new Endpoint("twice.example.org", "A", "2.2.2.2")] } },
        { "mismatched update lists", new Changes { UpdateOld = [new Endpoint("exists.example.org", "A", "1.1.1.1")] } },
    };

    [Theory]
    [MemberData(nameof(InvalidChangeSets))]
    public async Task An_invalid_change_set_is_rejected_whole_with_a_clear_error(string why, Changes changes)
    {
        var p = Provider();
        await p.ApplyChangesAsync(new Changes { Create = [new Endpoint("exists.example.org", "A", "1.1.1.1")] }, default);
        var before = await Dump(p);

        var ex = await Assert.ThrowsAsync<InvalidChangeException>(() => p.ApplyChangesAsync(changes, default));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message), why);
        Assert.Equal(before, await Dump(p));
    }
}
