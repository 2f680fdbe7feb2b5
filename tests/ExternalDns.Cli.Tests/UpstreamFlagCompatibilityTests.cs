using System.Text.RegularExpressions;
using ExternalDns.Cli;
using ExternalDns.Core.Configuration;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// The drop-in promise, checked against upstream's own flag list (testdata/upstream-flags.txt, copied from upstream
/// docs/flags.md at commit 2bf1bf8a): every flag of the groups this build covers — the pipeline, sources, registry,
/// policy, the providers aws, azure, google, cloudflare, rfc2136, pdns, inmemory and webhook — parses, with upstream's
/// environment variable and default; every flag we accept that upstream lacks is marked as ours.
/// </summary>
public partial class UpstreamFlagCompatibilityTests
{
    /// <summary>Providers this build does not cover (their flags come with their own issues).</summary>
    private static readonly string[] OtherProviderPrefixes = ["alibaba-cloud-", "coredns-", "oci-", "ovh-", "ns1-", "godaddy-", "exoscale-", "pihole-"];

    /// <summary>Flags of sources this build does not have (gloo, skipper, connector, openshift, unstructured).</summary>
    private static readonly string[] OtherSourceFlags = ["gloo-namespace", "skipper-routegroup-groupversion", "connector-source-server", "openshift-router-name", "unstructured-resource"];

    private static readonly Lazy<IReadOnlyList<UpstreamFlag>> Upstream = new(Load);

    public static TheoryData<string> CountedFlags()
    {
        var data = new TheoryData<string>();
        foreach (var flag in Upstream.Value.Where(f => f.Counted))
        {
            data.Add(flag.Usage);
        }

        return data;
    }

    [Fact]
    public void The_upstream_list_has_the_counted_groups_of_the_issue()
    {
        // 180 flags in upstream's reference at 2bf1bf8a, 148 of them in the groups this build covers.
        Assert.Equal(180, Upstream.Value.Count);
        Assert.Equal(148, Upstream.Value.Count(f => f.Counted));
    }

    [Theory]
    [MemberData(nameof(CountedFlags))]
    public void Every_counted_upstream_flag_parses_with_its_upstream_default_and_environment_variable(string usage)
    {
        var upstream = Upstream.Value.Single(f => f.Usage == usage);
        var ours = FlagCatalog.Find(upstream.Name);
        Assert.True(ours is not null, $"--{upstream.Name} (upstream) is not accepted");
        Assert.False(HelpWriter.IsOurs(ours), $"--{upstream.Name} is upstream's but marked as ours");
        Assert.Equal("EXTERNAL_DNS_" + upstream.Name.ToUpperInvariant().Replace('-', '_'), ours.EnvironmentVariable);

        var canonical = ours.AliasOf is null ? ours : FlagCatalog.Find(ours.AliasOf)!;
        if (upstream.IsBool)
        {
            Assert.Equal(FlagKind.Bool, canonical.Kind);
            Assert.True(FlagParser.Parse([$"--{upstream.Name}"], _ => null).Bool(canonical.Name));
            Assert.False(FlagParser.Parse([$"--no-{upstream.Name}"], _ => null).Bool(canonical.Name));
            return;
        }

        Assert.NotEqual(FlagKind.Bool, canonical.Kind);
        // A required enum without a default (--policy=) parses with one of its values.
        var value = upstream.Default is null || (upstream.Default.Length == 0 && canonical.Kind == FlagKind.Enum && !canonical.Allowed.Contains(string.Empty))
            ? Sample(canonical)
            : upstream.Default;
        var parsed = FlagParser.Parse([$"--{upstream.Name}={value}"], _ => null);
        Assert.True(parsed.IsSet(canonical.Name));

        // The same value through the environment, as a Deployment sets it.
        var env = new Dictionary<string, string> { [ours.EnvironmentVariable] = value };
        Assert.True(FlagParser.Parse([], env.GetValueOrDefault).IsSet(canonical.Name) || value.Length == 0);

        if (upstream.Default is { } upstreamDefault && !canonical.IsRepeatable && ours.AliasOf is null)
        {
            Assert.Equal(upstreamDefault, ours.Default ?? string.Empty);
        }
    }

    [Fact]
    public void Every_flag_upstream_lacks_is_marked_as_ours()
    {
        var upstreamNames = Upstream.Value.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var notMarked = FlagCatalog.All
            .Where(f => !upstreamNames.Contains(f.Name) && !HelpWriter.IsOurs(f) && f.Name is not "help")
            .Select(f => "--" + f.Name)
            .ToList();
        Assert.True(notMarked.Count == 0, "accepted but not upstream's, and not marked \"ExternalDns:\": " + string.Join(", ", notMarked));
    }

    [Fact]
    public void Every_flag_carries_one_of_the_three_reference_markers()
    {
        foreach (var flag in FlagCatalog.All)
        {
            var marker = HelpWriter.Compatibility(flag);
            Assert.True(marker is "same as upstream" or "ours" || marker.StartsWith("accepted, not supported here (", StringComparison.Ordinal), $"--{flag.Name}: {marker}");
        }

        var reference = HelpWriter.Markdown();
        Assert.Contains("| `--[no-]dry-run` | `EXTERNAL_DNS_DRY_RUN` | same as upstream |", reference, StringComparison.Ordinal);
        Assert.Contains("| `--[no-]leader-elect` | `EXTERNAL_DNS_LEADER_ELECT` | ours |", reference, StringComparison.Ordinal);
        Assert.Contains("| `--dynamodb-table=\"external-dns\"` | `EXTERNAL_DNS_DYNAMODB_TABLE` | accepted, not supported here (", reference, StringComparison.Ordinal);
    }

    private static string Sample(FlagDefinition flag) => flag.Kind switch
    {
        FlagKind.Int => "1",
        FlagKind.Duration => "1s",
        FlagKind.Enum or FlagKind.EnumList => flag.Allowed.First(a => a.Length > 0),
        _ => flag.Name switch
        {
            "aws-sd-create-tag" => "team=dns",
            "target-net-filter" or "exclude-target-net" => "10.0.0.0/8",
            "nat64-networks" => "64:ff9b::/96",
            _ => "x",
        },
    };

    private static List<UpstreamFlag> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "upstream-flags.txt");
        var result = new List<UpstreamFlag>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var m = UsagePattern().Match(line);
            Assert.True(m.Success, $"unreadable line in upstream-flags.txt: {line}");
            var name = m.Groups["name"].Value;
            string? def = null;
            if (m.Groups["value"].Success)
            {
                var v = m.Groups["value"].Value;
                // kingpin prints a placeholder (upper-case name or "provider"/"source") when there is no default, and a
                // repeatable flag's first default followed by "...".
                if (v.EndsWith("...", StringComparison.Ordinal) || (string.Equals(v, name, StringComparison.OrdinalIgnoreCase) && char.IsUpper(v[0])) || v is "provider" or "source")
                {
                    def = null;
                }
                else
                {
                    def = v.Length >= 2 && v[0] == '"' && v[^1] == '"' ? v[1..^1] : v;
                }
            }

            var counted = !OtherProviderPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal))
                && !OtherSourceFlags.Contains(name, StringComparer.Ordinal);
            result.Add(new UpstreamFlag(line, name, m.Groups["no"].Success, def, counted));
        }

        return result;
    }

    [GeneratedRegex(@"^--(?<no>\[no-\])?(?<name>[a-z0-9-]+)(=(?<value>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex UsagePattern();

    private sealed record UpstreamFlag(string Usage, string Name, bool IsBool, string? Default, bool Counted);
}
