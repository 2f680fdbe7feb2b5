using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Sources;

namespace ExternalDns.Core.Tests.Planning;

/// <summary>What the planner does better than upstream: no deletes on a partial view, no changes for broken objects.</summary>
public class PlannerSafeguardTests
{
    private static readonly PlanOptions Owned = new() { OwnerId = "me" };

    private static Endpoint Rec(string name, string target, string resource, string owner = "me")
    {
        var e = new Endpoint(name, RecordTypes.ForTarget(target), target);
        e.Labels[Labels.ResourceKey] = resource;
        e.Labels[Labels.OwnerKey] = owner;
        return e;
    }

    [Fact]
    public void Incomplete_view_creates_and_updates_but_deletes_nothing()
    {
        var current = new[] { Rec("a.example.org", "1.1.1.1", "service/default/a"), Rec("gone.example.org", "2.2.2.2", "service/default/gone") };
        var desired = new SourceResult(
            [Rec("a.example.org", "1.1.1.9", "service/default/a"), Rec("new.example.org", "3.3.3.3", "service/default/new")],
            isComplete: false,
            incompleteReason: "file x.yaml unreadable");

        var result = Planner.Calculate(current, desired, Owned);

        Assert.Single(result.Changes.Create);
        Assert.Single(result.Changes.UpdateNew);
        Assert.Empty(result.Changes.Delete);
        var withheld = Assert.Single(result.Withheld);
        Assert.Equal("gone.example.org", withheld.Record.DnsName);
        Assert.Equal(WithheldReason.IncompleteSourceView, withheld.Reason);
    }

    [Fact]
    public void Records_of_an_unresolved_resource_are_neither_deleted_nor_changed()
    {
        var current = new[]
        {
            Rec("broken.example.org", "1.1.1.1", "ingress/default/broken"),
            Rec("shared.example.org", "1.1.1.2", "ingress/default/broken"),
            Rec("other.example.org", "1.1.1.3", "ingress/default/other"),
        };

        // The broken ingress produced nothing; another resource wants "shared" with other targets; "other" is gone.
        var desired = new SourceResult([Rec("shared.example.org", "9.9.9.9", "ingress/default/thief")], unresolvedResources: ["ingress/default/broken"]);

        var result = Planner.Calculate(current, desired, Owned);

        Assert.Equal(["other.example.org"], result.Changes.Delete.Select(e => e.DnsName));
        Assert.Empty(result.Changes.UpdateNew);
        Assert.Equal(2, result.Withheld.Count);
        Assert.All(result.Withheld, w => Assert.Equal(WithheldReason.UnresolvedResource, w.Reason));
    }

    [Fact]
    public void Records_of_an_unresolved_kind_are_kept_while_other_kinds_are_planned_normally()
    {
        var current = new[]
        {
            Rec("route.example.org", "1.1.1.1", "httproute/default/web"),
            Rec("moved.example.org", "1.1.1.2", "httproute/apps/api"),
            Rec("gone.example.org", "1.1.1.3", "service/default/gone"),
            Rec("kept.example.org", "1.1.1.4", "service/default/kept"),
        };

        // The HTTPRoute CRD is not installed: nothing is known about routes; services are known in full.
        var desired = new SourceResult([Rec("moved.example.org", "9.9.9.9", "service/default/thief"), Rec("kept.example.org", "1.1.1.5", "service/default/kept")])
        {
            UnresolvedKinds = new HashSet<string>(["httproute"], StringComparer.Ordinal),
        };

        var result = Planner.Calculate(current, desired, Owned);

        Assert.Equal(["gone.example.org"], result.Changes.Delete.Select(e => e.DnsName));
        Assert.Equal(["kept.example.org"], result.Changes.UpdateNew.Select(e => e.DnsName));
        Assert.Equal(["moved.example.org", "route.example.org"], result.Withheld.Select(w => w.Record.DnsName).Order(StringComparer.Ordinal));
        Assert.All(result.Withheld, w => Assert.Equal(WithheldReason.UnresolvedResource, w.Reason));
        Assert.True(desired.IsUnresolved("httproute/x/y"));
        Assert.False(desired.IsUnresolved("httproutes/x/y"));
        Assert.False(desired.IsUnresolved("httproute"));
    }

    [Fact]
    public void Owner_mismatch_is_reported_with_both_records()
    {
        var current = new[] { Rec("taken.example.org", "1.1.1.1", "service/x/y", owner: "someone-else") };
        var desired = new[] { new Endpoint("taken.example.org", "CNAME", "lb.example.net") };

        var result = Planner.Calculate(current, desired, Owned);

        Assert.False(result.Changes.HasChanges);
        var mismatch = Assert.Single(result.OwnerMismatches);
        Assert.Equal("someone-else", mismatch.CurrentOwner);
        Assert.Equal("lb.example.net", mismatch.Desired.Targets[0]);
    }

    [Fact]
    public void Cname_conflict_is_reported()
    {
        var result = Planner.Calculate([], [new Endpoint("x", "CNAME", "a.b"), new Endpoint("x", "A", "1.2.3.4")], new PlanOptions());
        Assert.Equal(["x"], result.DiscardedCnameConflicts);
        Assert.Equal("A", Assert.Single(result.Changes.Create).RecordType);
    }

    [Fact]
    public void Changes_are_sorted_by_name_type_and_set_identifier()
    {
        var desired = new[] { new Endpoint("b", "A", "1.1.1.1"), new Endpoint("a", "AAAA", "::1"), new Endpoint("a", "A", "1.1.1.1") };
        var result = Planner.Calculate([], desired, new PlanOptions());
        Assert.Equal(["a A", "a AAAA", "b A"], result.Changes.Create.Select(e => $"{e.DnsName} {e.RecordType}"));
    }

    [Theory]
    [InlineData(Policy.Sync, 1, 1, 1)]
    [InlineData(Policy.UpsertOnly, 1, 1, 0)]
    [InlineData(Policy.CreateOnly, 1, 0, 0)]
    public void Policies_drop_what_they_forbid(Policy policy, int creates, int updates, int deletes)
    {
        var current = new[] { Rec("u.example.org", "1.1.1.1", "s/d/u"), Rec("d.example.org", "1.1.1.1", "s/d/d") };
        var desired = new[] { Rec("u.example.org", "2.2.2.2", "s/d/u"), Rec("c.example.org", "3.3.3.3", "s/d/c") };
        var changes = Planner.Calculate(current, desired, new PlanOptions { OwnerId = "me", Policy = policy }).Changes;
        Assert.Equal((creates, updates, updates, deletes), (changes.Create.Count, changes.UpdateOld.Count, changes.UpdateNew.Count, changes.Delete.Count));
    }
}
