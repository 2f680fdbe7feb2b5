using System.Text.Json;
using ExternalDns.Core.Controller;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Sources;
using ExternalDns.Output;

namespace ExternalDns.Cli.Tests;

/// <summary>The plan as people and programs read it (docs/plan-format.md).</summary>
public class PlanPrinterTests
{
    private static ReconcileOutcome Outcome(bool dryRun)
    {
        static Endpoint E(string name, string type, string target, string? owner = null, string? resource = null, long ttl = 0)
        {
            var e = new Endpoint(name, type, ttl, [target]);
            if (owner is not null)
            {
                e.Labels[Labels.OwnerKey] = owner;
            }

            if (resource is not null)
            {
                e.Labels[Labels.ResourceKey] = resource;
            }

            return e;
        }

        var changes = new Changes
        {
            Create = [E("new.example.org", "A", "192.0.2.1", resource: "service/default/new", ttl: 300)],
            UpdateOld = [E("www.example.org", "CNAME", "old-lb.example.net", "me", "ingress/web/www")],
            UpdateNew = [E("www.example.org", "CNAME", "lb.example.net", "me", "ingress/web/www")],
            Delete = [E("gone.example.org", "A", "198.51.100.7", "me", "service/default/gone")],
        };
        var plan = new PlanResult
        {
            Changes = changes,
            Withheld = [new WithheldChange("delete", E("legacy.example.org", "A", "10.0.0.1", "me", "ingress/x/broken"), WithheldReason.UnresolvedResource)],
            OwnerMismatches = [new OwnerMismatch(E("shop.example.org", "A", "192.0.2.9", resource: "ingress/default/shop"), E("shop.example.org", "A", "192.0.2.8", "other-cluster"))],
        };
        return new ReconcileOutcome
        {
            Plan = plan,
            Desired = new SourceResult([]),
            CurrentRecordCount = 3,
            Applied = !dryRun,
            DryRun = dryRun,
            OwnerId = "me",
            Policy = Policy.Sync,
        };
    }

    [Fact]
    public void Table_shows_each_change_and_what_was_held_back()
    {
        var table = PlanPrinter.Table(Outcome(dryRun: true));

        Assert.Matches(@"(?m)^ACTION\s+NAME\s+TYPE\s+TARGETS\s+TTL\s+OWNER$", table);
        Assert.Matches(@"(?m)^create\s+new\.example\.org\s+A\s+192\.0\.2\.1\s+300\s+me$", table);
        Assert.Matches(@"(?m)^update\s+www\.example\.org\s+CNAME\s+old-lb\.example\.net -> lb\.example\.net\s+-\s+me$", table);
        Assert.Matches(@"(?m)^delete\s+gone\.example\.org\s+A\s+198\.51\.100\.7\s+-\s+me$", table);
        Assert.Contains("withheld: delete legacy.example.org A (unresolved-resource)", table, StringComparison.Ordinal);
        Assert.Contains("skipped: shop.example.org A is owned by \"other-cluster\", wanted by ingress/default/shop", table, StringComparison.Ordinal);
        Assert.EndsWith("Plan: 1 to create, 1 to update, 1 to delete, 1 withheld (dry run: nothing applied).\n", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_follows_the_documented_schema()
    {
        using var doc = JsonDocument.Parse(PlanPrinter.Json(Outcome(dryRun: false)));
        var root = doc.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.False(root.GetProperty("dryRun").GetBoolean());
        Assert.True(root.GetProperty("applied").GetBoolean());
        Assert.Equal("sync", root.GetProperty("policy").GetString());
        Assert.Equal("me", root.GetProperty("ownerId").GetString());
        Assert.True(root.GetProperty("sourceComplete").GetBoolean());
        var summary = root.GetProperty("summary");
        Assert.Equal((1, 1, 1, 1, 1), (summary.GetProperty("create").GetInt32(), summary.GetProperty("update").GetInt32(), summary.GetProperty("delete").GetInt32(), summary.GetProperty("withheld").GetInt32(), summary.GetProperty("ownerConflicts").GetInt32()));

        var changes = root.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(["create", "update", "delete"], changes.Select(c => c.GetProperty("action").GetString()));
        Assert.Equal(300, changes[0].GetProperty("ttl").GetInt64());
        Assert.False(changes[1].TryGetProperty("ttl", out _));
        Assert.Equal("old-lb.example.net", changes[1].GetProperty("old").GetProperty("targets")[0].GetString());
        Assert.Equal("ingress/web/www", changes[1].GetProperty("resource").GetString());
        Assert.Equal("unresolved-resource", root.GetProperty("withheld")[0].GetProperty("reason").GetString());
        Assert.Equal("other-cluster", root.GetProperty("ownerConflicts")[0].GetProperty("currentOwner").GetString());
    }
}
