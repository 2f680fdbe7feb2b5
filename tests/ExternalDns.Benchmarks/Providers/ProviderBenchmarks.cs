using System.Diagnostics;
using System.Globalization;
using ExternalDns.Providers.Rfc2136;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// <c>dotnet run -c Release --project tests/ExternalDns.Benchmarks -- providers [RECORDS [RUNS]]</c>: applies RECORDS
/// (default 10,000) A-record creates, then as many deletes, through the RFC2136 provider to a real BIND 9 and through
/// the PowerDNS provider to a real PowerDNS, each beside a baseline measured in the same process (BIND's nsupdate; one
/// raw HTTP PATCH), RUNS times each (default 3, fresh server every run, paths interleaved), after one small unrecorded
/// warm-up run of each path. Prints a Markdown table of wall time (min / median) and DNS messages / HTTP requests per
/// phase. Every phase is verified by a zone transfer; a wrong result or an unexpected message count aborts the run.
/// </summary>
public static class ProviderBenchmarks
{
    private const int DefaultRecords = 10_000;
    private const int DefaultRuns = 3;
    private const int WarmUpRecords = 100;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultRecords;
        var runs = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultRuns;
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var batchSize = new Rfc2136ProviderOptions().BatchChangeSize;
        var records = new BenchmarkRecords(count);
        var total = Stopwatch.StartNew();

        var paths = new List<BenchmarkPath>
        {
            new("BIND 9", "ExternalDns `Rfc2136Provider` (batch 50, TCP, TSIG)", ct => BindBenchmark.ProviderRunAsync(records, ct),
                ct => BindBenchmark.ProviderRunAsync(new BenchmarkRecords(WarmUpRecords), ct)),
            new("BIND 9", $"baseline: `nsupdate -v -y hmac-sha256:…` ({batchSize} records per `send`)", ct => BindBenchmark.NsupdateRunAsync(records, batchSize, ct),
                ct => BindBenchmark.NsupdateRunAsync(new BenchmarkRecords(WarmUpRecords), batchSize, ct)),
            new("PowerDNS", "ExternalDns `PowerDnsProvider`", ct => PowerDnsBenchmark.ProviderRunAsync(records, ct),
                ct => PowerDnsBenchmark.ProviderRunAsync(new BenchmarkRecords(WarmUpRecords), ct)),
            new("PowerDNS", "baseline: one raw `HttpClient` PATCH", ct => PowerDnsBenchmark.RawRunAsync(records, ct),
                ct => PowerDnsBenchmark.RawRunAsync(new BenchmarkRecords(WarmUpRecords), ct)),
        };

        await Console.Error.WriteLineAsync($"warm-up ({WarmUpRecords} records, not recorded)").ConfigureAwait(false);
        foreach (var path in paths)
        {
            await path.WarmUp(cancellationToken).ConfigureAwait(false);
        }

        for (var run = 1; run <= runs; run++)
        {
            foreach (var path in paths)
            {
                var result = await path.Run(cancellationToken).ConfigureAwait(false);
                path.Results.Add(result);
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}/{runs} {path.Server} {path.Name}: create {Ms(result.Create.Elapsed)} ms ({result.Create.Detail}), delete {Ms(result.Delete.Elapsed)} ms ({result.Delete.Detail})"))
                    .ConfigureAwait(false);
            }
        }

        await WriteReportAsync(output, records.Count, runs, batchSize, paths, total.Elapsed, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task WriteReportAsync(
        TextWriter output, int count, int runs, int batchSize, List<BenchmarkPath> paths, TimeSpan total, CancellationToken cancellationToken)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";
        var named = await ExternalProcess.FirstLineAsync("named", ["-v"], cancellationToken).ConfigureAwait(false);
        var nsupdate = await ExternalProcess.FirstLineAsync("dpkg-query", ["-W", "-f=${Version}", "bind9-utils"], cancellationToken).ConfigureAwait(false);
        var pdns = await ExternalProcess.FirstLineAsync("dpkg-query", ["-W", "-f=${Version}", "pdns-server"], cancellationToken).ConfigureAwait(false);

        var text = new System.Text.StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        text.Append(ci, $"## Provider apply benchmark: {count:N0} A records, create then delete, {runs} run(s) per path\n\n");
        text.Append(ci, $"Machine: {Environment.ProcessorCount} logical CPUs, {cpu}; .NET {Environment.Version}; {named}; bind9-utils {nsupdate}; PowerDNS {pdns}.\n");
        text.Append(ci, $"RFC2136 batch size {batchSize}: expected ceil({count}/{batchSize}) = {(count + batchSize - 1) / batchSize} UPDATE messages per phase (checked: sender and BIND's log).\n\n");
        text.Append("| Server | Path | Phase | Wall time min | Wall time median | Records/s (median) | Messages / requests per phase |\n");
        text.Append("|---|---|---|---:|---:|---:|---|\n");
        foreach (var path in paths)
        {
            foreach (var (phase, select) in new (string, Func<RunResult, PhaseResult>)[] { ("create", r => r.Create), ("delete", r => r.Delete) })
            {
                var phases = path.Results.Select(select).ToList();
                var times = phases.Select(p => p.Elapsed).Order().ToList();
                var median = times[times.Count / 2];
                if (times.Count % 2 == 0)
                {
                    median = (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
                }

                var details = phases.Select(p => p.Detail).Distinct(StringComparer.Ordinal);
                text.Append(ci, $"| {path.Server} | {path.Name} | {phase} | {Ms(times[0])} ms | {Ms(median)} ms | {count / median.TotalSeconds:N0} | {string.Join("; ", details)} |\n");
            }
        }

        text.Append("\nEvery run (create ms / delete ms):\n\n");
        foreach (var path in paths)
        {
            text.Append(ci, $"- {path.Server}, {path.Name}: {string.Join(", ", path.Results.Select(r => $"{Ms(r.Create.Elapsed)} / {Ms(r.Delete.Elapsed)}"))}\n");
        }

        text.Append(ci, $"\nTotal benchmark time (warm-up, server starts and verification included): {total.TotalSeconds:F1} s.\n");
        await output.WriteAsync(text.ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture);

    private sealed record BenchmarkPath(string Server, string Name, Func<CancellationToken, Task<RunResult>> Run, Func<CancellationToken, Task<RunResult>> WarmUp)
    {
        public List<RunResult> Results { get; } = [];
    }
}
