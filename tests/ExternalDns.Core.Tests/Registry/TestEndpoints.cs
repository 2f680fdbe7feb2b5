using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>Builders and comparison in the spirit of upstream's registry test helpers.</summary>
public static class TestEndpoints
{
    public const string Zone = "test-zone.example.org";

    /// <summary>An endpoint with an owner label (set even when empty, as upstream's newEndpointWithOwner).</summary>
    public static Endpoint E(string name, string target, string type, string owner = "", Labels? labels = null)
    {
        var e = new Endpoint(name, type, target);
        e.Labels[Labels.OwnerKey] = owner;
        if (labels is not null)
        {
            foreach (var (k, v) in labels)
            {
                e.Labels[k] = v;
            }
        }

        return e;
    }

    public static Endpoint Cname(string name, string target, string owner, string resource)
    {
        var e = new Endpoint(name, RecordTypes.CNAME, target);
        e.Labels[Labels.OwnerKey] = owner;
        e.Labels[Labels.ResourceKey] = resource;
        return e;
    }

    /// <summary>An ownership TXT as the registry writes it: owner label empty, ownedRecord set.</summary>
    public static Endpoint Txt(string name, string value, string ownedRecord)
    {
        var e = E(name, value, RecordTypes.TXT);
        e.Labels[Labels.OwnedRecordKey] = ownedRecord;
        return e;
    }

    /// <summary>An endpoint without any labels.</summary>
    public static Endpoint Bare(string name, string type, params string[] targets) => new(name, type, targets);

    public static Endpoint WithLabels(this Endpoint e, params (string Key, string Value)[] labels)
    {
        foreach (var (k, v) in labels)
        {
            e.Labels[k] = v;
        }

        return e;
    }

    public static Endpoint WithAlias(this Endpoint e, string value) => e.WithProviderSpecific("alias", value);

    public static string Owner(string owner) => $"\"heritage=external-dns,external-dns/owner={owner}\"";

    /// <summary>
    /// Canonical text of an endpoint: name, type, set-id, TTL, targets, labels and properties. As upstream's
    /// SameEndpoint, a missing owner/resource/ownedRecord label equals an empty one; the encryption nonce is ignored.
    /// </summary>
    public static string Describe(Endpoint e, bool withLabels = true)
    {
        var all = new Labels(e.Labels);
        all.Remove(Labels.TxtEncryptionNonceKey);
        foreach (var key in new[] { Labels.OwnerKey, Labels.ResourceKey, Labels.OwnedRecordKey })
        {
            all.TryAdd(key, string.Empty);
        }

        var labels = withLabels
            ? string.Join(",", all.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))
            : "-";
        var targets = string.Join(";", e.Targets.Select(Targets.Canonical).Order(StringComparer.Ordinal));
        var props = string.Join(",", e.ProviderSpecific.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value}"));
        return $"{e.DnsName} {e.RecordType} [{e.SetIdentifier}] ttl={e.RecordTtl} {targets} {{{labels}}} <{props}>";
    }

    /// <summary>Upstream's SameEndpoints: the same endpoints in any order, labels and properties included.</summary>
    public static void AssertSame(IEnumerable<Endpoint> expected, IEnumerable<Endpoint> actual, bool withLabels = true)
    {
        var want = expected.Select(e => Describe(e, withLabels)).Order(StringComparer.Ordinal).ToList();
        var got = actual.Select(e => Describe(e, withLabels)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(want, got);
    }
}
