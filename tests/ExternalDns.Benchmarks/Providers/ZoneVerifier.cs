namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// Checks a zone transfer (lines as <see cref="ExternalDns.Testing.Servers.DigAxfr.Records"/> prints them) against
/// what the zone must hold: the records it held before the run (SOA serials aside) plus, after the create phase,
/// exactly the benchmark's records. Throws with a short diff otherwise: a measurement of a wrong result is worthless.
/// </summary>
internal static class ZoneVerifier
{
    /// <summary>The lines without the SOA (its serial changes with every update).</summary>
    public static HashSet<string> WithoutSoa(IEnumerable<string> transfer) =>
        [.. transfer.Where(l => !l.Contains(" SOA ", StringComparison.Ordinal))];

    public static void Verify(string what, IReadOnlyList<string> transfer, IReadOnlySet<string> seed, IReadOnlySet<string>? benchmarkRecords)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(seed);
        var expected = new HashSet<string>(seed, StringComparer.Ordinal);
        if (benchmarkRecords is not null)
        {
            expected.UnionWith(benchmarkRecords);
        }

        var actual = WithoutSoa(transfer);
        if (actual.SetEquals(expected))
        {
            return;
        }

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        throw new InvalidOperationException(
            $"{what}: the zone does not hold what it should ({actual.Count} records besides the SOA, expected {expected.Count}); "
            + $"missing {missing.Count} (e.g. {string.Join(", ", missing.Take(3))}), unexpected {extra.Count} (e.g. {string.Join(", ", extra.Take(3))}).");
    }
}
