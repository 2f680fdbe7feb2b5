using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Tests.Endpoints;

/// <summary>The compact <see cref="Labels"/>: a dictionary's semantics, in insertion order, below and above the pair-array limit.</summary>
public class LabelsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(40)]
    public void Behaves_as_a_string_dictionary_at_any_size(int count)
    {
        var labels = new Labels();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            labels[$"k{i}"] = $"v{i}";
            expected[$"k{i}"] = $"v{i}";
        }

        labels["k0"] = "changed";
        expected["k0"] = "changed";
        Assert.Equal(expected.Count, labels.Count);
        Assert.Equal(expected.Keys, labels.Keys);
        Assert.Equal(expected.Values, labels.Values);
        Assert.Equal(expected, labels.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
        Assert.True(labels.TryGetValue($"k{count - 1}", out var last));
        Assert.Equal(expected[$"k{count - 1}"], last);
        Assert.False(labels.TryGetValue("missing", out _));
        Assert.False(labels.ContainsKey("K0")); // ordinal, case-sensitive
        Assert.Throws<KeyNotFoundException>(() => labels["missing"]);
        Assert.Throws<ArgumentException>(() => labels.Add("k0", "again"));
        Assert.False(labels.TryAdd("k0", "again"));
        Assert.Equal("changed", labels["k0"]);

        var copy = new Labels(labels);
        Assert.True(labels.Remove("k0"));
        Assert.False(labels.Remove("k0"));
        Assert.Equal(count - 1, labels.Count);
        Assert.Equal(count, copy.Count); // the copy is independent
        Assert.Equal("changed", copy["k0"]);
        labels.Clear();
        Assert.Empty(labels);
        labels["again"] = "x";
        Assert.Equal("x", Assert.Single(labels).Value);
    }

    [Fact]
    public void Enumerates_in_insertion_order_and_keeps_it_after_a_removal()
    {
        var labels = new Labels { ["resource"] = "service/ns/a", ["owner"] = "me", ["ownedRecord"] = "a.example.org" };
        Assert.Equal(["resource", "owner", "ownedRecord"], labels.Select(kv => kv.Key));
        labels.Remove("owner");
        labels["z"] = "1";
        Assert.Equal(["resource", "ownedRecord", "z"], labels.Keys);
        Assert.Equal("me", new Labels { ["owner"] = "me" }.Owner);
        Assert.Equal("service/ns/a", labels.Resource);
    }

    [Fact]
    public void Changing_the_labels_while_enumerating_them_throws()
    {
        var labels = new Labels { ["a"] = "1", ["b"] = "2" };
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (key, _) in labels)
            {
                labels[key + "x"] = "3";
            }
        });

        // A new value for a label there already is fine (as for a dictionary).
        foreach (var (key, value) in labels)
        {
            labels[key] = value + "!";
        }

        Assert.Equal(["1!", "2!", "3!"], labels.Values); // "ax" was added before the enumeration above threw
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var (key, _) in labels)
            {
                labels.Remove(key);
            }
        });

        // The key snapshot allows removing.
        foreach (var key in labels.Keys)
        {
            labels.Remove(key);
        }

        Assert.Empty(labels);
    }

    [Fact]
    public void Copies_from_any_pairs_and_serves_the_non_generic_dictionary_interface()
    {
        var labels = new Labels(new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        Assert.Equal("2", labels["b"]);
        System.Collections.IDictionary untyped = labels;
        Assert.Equal("1", untyped["a"]);
        Assert.Null(untyped["missing"]);
        Assert.True(untyped.Contains("b"));
        untyped.Add("c", "3");
        Assert.Equal("3", labels["c"]);
        Assert.Throws<ArgumentException>(() => untyped.Add("d", 4));
        var seen = new List<string>();
        var e = untyped.GetEnumerator();
        while (e.MoveNext())
        {
            seen.Add($"{e.Key}={e.Value}");
        }

        Assert.Equal(["b=2", "a=1", "c=3"], seen);
        Assert.Throws<ArgumentException>(() => new Labels([new("x", "1"), new("x", "2")]));
    }

    [Fact]
    public void Serialises_in_key_order_whatever_the_insertion_order()
    {
        var labels = new Labels { ["resource"] = "ingress/default/web", ["owner"] = "me" };
        Assert.Equal("heritage=external-dns,external-dns/owner=me,external-dns/resource=ingress/default/web", labels.SerializePlain(withQuotes: false));
        var parsed = Labels.ParsePlain("\"heritage=external-dns,external-dns/owner=me,external-dns/resource=ingress/default/web\"");
        Assert.NotNull(parsed);
        Assert.Equal(labels.OrderBy(kv => kv.Key, StringComparer.Ordinal), parsed.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Provider_specific_list_is_made_on_first_access_and_copied_only_when_it_has_properties()
    {
        var e = new Endpoint("a.example.org", RecordTypes.A, "1.2.3.4");
        Assert.Empty(e.ProviderSpecificProperties);
        Assert.Null(e.GetProviderSpecific("x"));
        Assert.False(e.RemoveProviderSpecific("x"));
        Assert.Same(e.ProviderSpecificProperties, new Endpoint("b.example.org", RecordTypes.A, "1.2.3.4").ProviderSpecificProperties); // the shared empty list

        var clone = e.Clone();
        e.ProviderSpecific.Add(new ProviderSpecificProperty("p", "1"));
        Assert.Equal("1", e.GetProviderSpecific("p"));
        Assert.Same(e.ProviderSpecific, e.ProviderSpecificProperties);
        Assert.Empty(clone.ProviderSpecificProperties); // the clone made before has none

        var second = e.Clone();
        second.SetProviderSpecific("p", "2");
        Assert.Equal("1", e.GetProviderSpecific("p")); // copied, not shared
        Assert.Equal("2", second.GetProviderSpecific("p"));
        Assert.True(second.RemoveProviderSpecific("p"));
        Assert.Empty(second.ProviderSpecificProperties);
    }
}
