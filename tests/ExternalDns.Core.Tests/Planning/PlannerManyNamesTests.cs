using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Tests.Planning;

/// <summary>
/// Plans over more names than the planner's row table is first sized for (it grows), with several types and set
/// identifiers per name: every row must still be found again and planned as in the small table tests.
/// </summary>
public class PlannerManyNamesTests
{
    private static readonly PlanOptions Owned = new() { OwnerId = "me" };

    private static Endpoint Rec(string name, string target, string setId = "")
    {
        var e = new Endpoint(name, RecordTypes.ForTarget(target), target) { SetIdentifier = setId };
        e.Labels[Labels.ResourceKey] = "service/default/" + name;
        e.Labels[Labels.OwnerKey] = "me";
        return e;
    }

    [Fact]
    public void Rows_beyond_the_first_size_are_planned_like_the_first_ones()
    {
        const int n = 300;
        var current = new List<Endpoint>();
        var desired = new List<Endpoint>();
        for (var i = 0; i < n; i++)
        {
            current.Add(Rec($"old-{i:D3}.example.org", "10.0.0.1"));
            current.Add(Rec($"both-{i:D3}.example.org", "10.0.1.1"));
            current.Add(Rec($"set-{i:D3}.example.org", "10.0.2.1", "blue"));
            desired.Add(Rec($"NEW-{i:D3}.example.org.", "10.0.3.1"));
            desired.Add(Rec($"Both-{i:D3}.example.org", i % 3 == 0 ? "10.0.1.2" : "10.0.1.1"));
            desired.Add(Rec($"set-{i:D3}.example.org", "10.0.2.1", "green"));
            if (i % 5 == 0)
            {
                desired.Add(Rec($"both-{i:D3}.example.org", "2001:db8::1"));
            }
        }

        var result = Planner.Calculate(current, desired, Owned);

        // Deleted: old-*, and set-* of set id "blue" (green is another row); created: NEW-*, set-* green, AAAA of both-*.
        var deletes = result.Changes.Delete.Select(e => $"{e.DnsName}/{e.SetIdentifier}").ToList();
        Assert.Equal(2 * n, deletes.Count);
        Assert.Equal(
            Enumerable.Range(0, n).Select(i => $"old-{i:D3}.example.org/").Concat(Enumerable.Range(0, n).Select(i => $"set-{i:D3}.example.org/blue")),
            deletes);
        Assert.Equal(n + n + (n / 5), result.Changes.Create.Count);
        Assert.Equal(n / 5, result.Changes.Create.Count(e => e.RecordType == RecordTypes.AAAA && e.DnsName.StartsWith("both-", StringComparison.Ordinal)));
        Assert.Equal(n, result.Changes.Create.Count(e => e.SetIdentifier == "green"));
        Assert.Equal(n, result.Changes.Create.Count(e => e.DnsName.StartsWith("NEW-", StringComparison.Ordinal)));
        Assert.Equal(n / 3, result.Changes.UpdateNew.Count);
        Assert.All(result.Changes.UpdateNew.Zip(result.Changes.UpdateOld), p =>
        {
            Assert.Equal("10.0.1.2", p.First.Targets[0]);
            Assert.Equal("10.0.1.1", p.Second.Targets[0]);
            Assert.Equal(p.Second.DnsName, p.First.DnsName.ToLowerInvariant());
        });
        Assert.Empty(result.OwnerMismatches);
        Assert.Empty(result.DiscardedCnameConflicts);
    }

    [Fact]
    public void A_cname_beside_other_types_is_discarded_in_a_grown_table()
    {
        var desired = new List<Endpoint>();
        for (var i = 0; i < 100; i++)
        {
            desired.Add(Rec($"n-{i:D3}.example.org", "10.0.0.1"));
            desired.Add(Rec($"n-{i:D3}.example.org", "target.example.net"));
            desired.Add(Rec($"n-{i:D3}.example.org", "2001:db8::2"));
        }

        // No current records: the table starts at the desired count and holds 100 rows of three types each.
        var result = Planner.Calculate([], desired, Owned);

        Assert.Equal(100, result.DiscardedCnameConflicts.Count);
        Assert.Equal(200, result.Changes.Create.Count);
        Assert.DoesNotContain(result.Changes.Create, e => e.RecordType == RecordTypes.CNAME);
    }
}
