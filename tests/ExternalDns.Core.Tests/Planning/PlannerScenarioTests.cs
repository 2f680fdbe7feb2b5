using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using static ExternalDns.Core.Tests.Planning.PlanFixtures;

namespace ExternalDns.Core.Tests.Planning;

/// <summary>The 30 scenarios of upstream's plan/plan_test.go (reference §3), table-driven.</summary>
public class PlannerScenarioTests
{
    private static readonly Dictionary<string, Func<Scenario>> Scenarios = new()
    {
        ["01 SyncFirstRound"] = () => new([], [FooV1Cname, FooV2Cname, Bar127A]) { Create = [FooV1Cname, Bar127A] },
        ["02 SyncSecondRound"] = () => new([FooV1Cname], [FooV2Cname, FooV1Cname, Bar127A]) { Create = [Bar127A] },
        ["03 SyncSecondRoundMigration"] = () => new([FooV2CnameNoLabel], [FooV2Cname, FooV1Cname, Bar127A])
        {
            Create = [Bar127A], UpdateOld = [FooV2CnameNoLabel], UpdateNew = [FooV1Cname],
        },
        ["04 TTLChange"] = () => new([Bar127A], [Bar127AWithTtl]) { UpdateOld = [Bar127A], UpdateNew = [Bar127AWithTtl] },
        ["05 ProviderSpecificChange"] = () => new([Bar127AWithProviderSpecificTrue], [Bar127AWithProviderSpecificFalse])
        {
            UpdateOld = [Bar127AWithProviderSpecificTrue], UpdateNew = [Bar127AWithProviderSpecificFalse],
        },
        ["06 ProviderSpecificNoChange"] = () => new([Bar127AWithProviderSpecificTrue], [Bar127AWithProviderSpecificTrue]),
        ["07 ProviderSpecificRemoval"] = () => new([Bar127AWithProviderSpecificFalse], [Bar127AWithProviderSpecificUnset])
        {
            UpdateOld = [Bar127AWithProviderSpecificFalse], UpdateNew = [Bar127AWithProviderSpecificUnset],
        },
        ["08 ProviderSpecificAddition"] = () => new([Bar127AWithProviderSpecificUnset], [Bar127AWithProviderSpecificTrue])
        {
            UpdateOld = [Bar127AWithProviderSpecificUnset], UpdateNew = [Bar127AWithProviderSpecificTrue],
        },
        ["09 OwnerInherited"] = () => new([FooV1Cname], [FooV2Cname])
        {
            UpdateOld = [FooV1Cname], UpdateNew = [FooV2Cname.Owned("pwner")], CheckOwners = true,
        },
        ["10 Idempotency"] = () => new([FooV1Cname, FooV2Cname], [FooV1Cname, FooV2Cname]),
        ["11 RecordTypeChange"] = () => new([FooV1Cname], [FooA5]) { Owner = "pwner", Create = [FooA5], Delete = [FooV1Cname] },
        ["12 ExistingCNameWithDualStackDesired"] = () => new([FooV1Cname], [FooA5, FooAAAA])
        {
            Owner = "pwner", Create = [FooA5, FooAAAA], Delete = [FooV1Cname],
        },
        ["13 ExistingDualStackWithCNameDesired"] = () => new([FooA5.Owned("nerf"), FooAAAA.Owned("nerf")], [FooV2Cname])
        {
            Owner = "nerf", Create = [FooV2Cname], Delete = [FooA5, FooAAAA],
        },
        ["14 ExistingOwnerNotMatching"] = () => new([FooA5.Owned(null)], [FooV2Cname]) { Owner = "pwner" },
        ["15 ConflictingCurrentNonConflictingDesired"] = () => new([FooV1Cname, FooA5.Owned("pwner")], [FooA5])
        {
            Owner = "pwner", Delete = [FooV1Cname],
        },
        ["16 ConflictingCurrentNoDesired"] = () => new([FooV1Cname, FooA5.Owned("pwner")], [])
        {
            Owner = "pwner", Delete = [FooV1Cname, FooA5],
        },
        ["17 CurrentWithConflictingDesired"] = () => new([FooV1Cname.Owned("nerf")], [FooV1Cname, FooA5, FooAAAA])
        {
            Owner = "nerf", Create = [FooA5, FooAAAA], Delete = [FooV1Cname],
        },
        ["18 NoCurrentWithConflictingDesired"] = () => new([], [FooV1Cname, FooA5, FooAAAA]) { Create = [FooA5, FooAAAA] },
        ["19 IgnoreTXT"] = () => new([FooV2Txt], [FooV2Cname]) { Create = [FooV2Cname] },
        ["20 ExcludeTXT"] = () => new([FooV2Txt], [FooV2Cname])
        {
            Managed = ["A", "AAAA", "CNAME", "TXT"], Excluded = ["TXT"], Create = [FooV2Cname],
        },
        ["21 IgnoreTargetCase"] = () => new([FooV2Cname], [FooV2CnameUppercase]),
        ["22 RemoveEndpoint"] = () => new([FooV1Cname, Bar192A], [FooV1Cname]) { Delete = [Bar192A] },
        ["23 RemoveEndpointWithUpsert"] = () => new([FooV1Cname, Bar192A], [FooV1Cname]) { Policy = Policy.UpsertOnly },
        ["24 MultipleRecordsSameNameDifferentSetIdentifier"] = () => new([Multiple1], [Multiple2, Multiple3])
        {
            Create = [Multiple3], UpdateOld = [Multiple1], UpdateNew = [Multiple2],
        },
        ["25 SetIdentifierUpdateCreatesAndDeletes"] = () => new([Multiple2], [Multiple3]) { Create = [Multiple3], Delete = [Multiple2] },
        ["26 DomainFiltersInitial"] = () => new(
            [DomainFilterExcluded],
            [DomainFilterExcluded, DomainFilterFiltered1, DomainFilterFiltered2, DomainFilterFiltered3])
        {
            Filter = new DomainFilter(["domain.tld"], ["ex.domain.tld"]),
            Create = [DomainFilterFiltered1, DomainFilterFiltered2, DomainFilterFiltered3],
        },
        ["27 DomainFiltersUpdate"] = () => new(
            [DomainFilterExcluded, DomainFilterFiltered1, DomainFilterFiltered2],
            [DomainFilterExcluded, DomainFilterFiltered1, DomainFilterFiltered2, DomainFilterFiltered3])
        {
            Filter = new DomainFilter(["domain.tld"], ["ex.domain.tld"]),
            Create = [DomainFilterFiltered3],
        },
        ["28 DualStackRecords"] = () => new([], [DsA, DsAAAA]) { Create = [DsA, DsAAAA] },
        ["29 DualStackToSingleStack"] = () => new([DsA, DsAAAA], [DsA]) { Delete = [DsAAAA] },
        ["30 RecordOwnerIdMigration"] = () => new([FooA5.Owned("bar")], [FooA5.Owned("bar")])
        {
            Owner = "bar", OldOwner = "foo", UpdateOld = [FooA5], UpdateNew = [FooA5],
        },

        // Beyond upstream's list: the same fixtures under the other policies and extra upstream tests.
        ["31 AAAARecords"] = () => new([], [FooAAAA]) { Create = [FooAAAA] },
        ["32 DualStackRecordsDelete"] = () => new([DsA, DsAAAA], []) { Delete = [DsA, DsAAAA] },
        ["33 CreateOnlyDropsUpdatesAndDeletes"] = () => new([FooV1Cname, Bar192A], [FooV2Cname, DsA])
        {
            Policy = Policy.CreateOnly, Create = [DsA],
        },
        ["34 UpsertOnlyKeepsUpdates"] = () => new([FooV1Cname, Bar192A], [FooV2Cname])
        {
            Policy = Policy.UpsertOnly, UpdateOld = [FooV1Cname], UpdateNew = [FooV2Cname],
        },
        ["35 OwnedDeleteOnly"] = () => new([FooV1Cname, Bar192A.Owned("other")], [])
        {
            Owner = "pwner", Delete = [FooV1Cname],
        },
        ["36 UpdateOfOtherOwnerDropped"] = () => new([Bar192A.Owned("other")], [Bar127A]) { Owner = "pwner" },
        ["37 ResolveUpdateKeepsSameResource"] = () => new([FooV1Cname], [FooV2Cname, FooV3CnameSameResource])
        {
            UpdateOld = [FooV1Cname], UpdateNew = [FooV3CnameSameResource],
        },
        ["38 NameCaseAndTrailingDotIgnored"] = () => new([new Endpoint("Foo.Example.ORG.", "A", "1.2.3.4")], [new Endpoint("foo.example.org", "A", "1.2.3.4")]),
        ["39 IdnNamesMatchPunycode"] = () => new([new Endpoint("xn--bcher-kva.example", "A", "1.2.3.4")], [new Endpoint("bücher.example", "A", "1.2.3.4")]),
        ["40 IPv6CanonicalComparison"] = () => new([new Endpoint("v6", "AAAA", "2001:0db8:0000::0001")], [new Endpoint("v6", "AAAA", "2001:db8::1")]),
        ["41 TargetOrderIgnored"] = () => new([new Endpoint("m", "A", "10.0.0.2", "10.0.0.1")], [new Endpoint("m", "A", "10.0.0.1", "10.0.0.2")]),
        ["42 UnsetDesiredTtlKeepsCurrent"] = () => new([Bar127AWithTtl], [Bar127A]),
    };

    public static TheoryData<string> ScenarioNames => new(Scenarios.Keys);

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Plan_matches_upstream(string name)
    {
        var s = Scenarios[name]();
        var options = new PlanOptions
        {
            Policy = s.Policy,
            OwnerId = s.Owner,
            OldOwnerId = s.OldOwner,
            ManagedRecordTypes = s.Managed,
            ExcludeRecordTypes = s.Excluded,
            DomainFilters = s.Filter is null ? [] : [s.Filter],
        };

        var changes = Planner.Calculate(s.Current, s.Desired, options).Changes;

        AssertSame("create", s.Create, changes.Create);
        AssertSame("updateOld", s.UpdateOld, changes.UpdateOld);
        AssertSame("updateNew", s.UpdateNew, changes.UpdateNew);
        AssertSame("delete", s.Delete, changes.Delete);
        if (s.CheckOwners)
        {
            Assert.Equal(s.UpdateNew.Select(e => e.Labels.Owner), changes.UpdateNew.Select(e => e.Labels.Owner));
        }
    }

    [Fact]
    public void InputsAreNotModified()
    {
        var current = new List<Endpoint> { FooV1Cname };
        var desired = new List<Endpoint> { FooV2Cname };
        _ = Planner.Calculate(current, desired, new PlanOptions());
        Assert.False(desired[0].Labels.ContainsKey(Labels.OwnerKey));
    }

    private static void AssertSame(string what, IEnumerable<Endpoint> expected, IEnumerable<Endpoint> actual)
    {
        static string Show(Endpoint e) => $"{DnsNames.Normalize(e.DnsName)}|{e.RecordType}|{e.SetIdentifier}|{string.Join(",", e.Targets.Select(Targets.Canonical).Order(StringComparer.Ordinal))}";
        Assert.True(
            expected.Select(Show).Order(StringComparer.Ordinal).SequenceEqual(actual.Select(Show).Order(StringComparer.Ordinal)),
            $"{what}: expected [{string.Join("; ", expected.Select(Show))}] but got [{string.Join("; ", actual.Select(Show))}]");
    }

    private sealed record Scenario(IReadOnlyList<Endpoint> Current, IReadOnlyList<Endpoint> Desired)
    {
        public Policy Policy { get; init; } = Policy.Sync;

        public string Owner { get; init; } = string.Empty;

        public string? OldOwner { get; init; }

        public IReadOnlyCollection<string> Managed { get; init; } = RecordTypes.DefaultManaged;

        public IReadOnlyCollection<string> Excluded { get; init; } = [];

        public DomainFilter? Filter { get; init; }

        public IReadOnlyList<Endpoint> Create { get; init; } = [];

        public IReadOnlyList<Endpoint> UpdateOld { get; init; } = [];

        public IReadOnlyList<Endpoint> UpdateNew { get; init; } = [];

        public IReadOnlyList<Endpoint> Delete { get; init; } = [];

        public bool CheckOwners { get; init; }
    }
}
