using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// Starts the real <c>external-dns</c> process (<c>dotnet external-dns.dll …</c>, a child of the harness, so its RSS is
/// its own and not the emulator's), polls its <c>/metrics</c> every 20 ms until the first reconcile has completed, reads
/// VmRSS/VmHWM at once and again after <see cref="SettleTime"/>, then kills it.
/// </summary>
internal static class FirstSyncBenchmark
{
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>The sources of the default rows.</summary>
    public static readonly IReadOnlyList<string> DefaultSources = ["service", "ingress"];

    /// <summary>The flags of the measured command (the brief's), before any extra flags; <paramref name="sources"/> replaces service + ingress.</summary>
    public static IReadOnlyList<string> Flags(string kubeconfig, int metricsPort, IReadOnlyList<string>? sources = null, string interval = "1h") =>
    [
        .. (sources ?? DefaultSources).Select(s => "--source=" + s), $"--kubeconfig={kubeconfig}",
        "--provider=inmemory", $"--inmemory-zone={ClusterObjects.Zone}", "--policy=sync", "--dry-run",
        $"--interval={interval}", $"--metrics-address=127.0.0.1:{metricsPort}",
    ];

    public static async Task<FirstSyncResult> RunAsync(
        string dll, string kubeconfig, IReadOnlyList<string> extraFlags, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken,
        IReadOnlyList<string>? sources = null, string? dllOverride = null, TimeSpan? timeout = null, bool secondReconcile = false)
    {
        dll = dllOverride ?? dll;
        var limit = timeout ?? DefaultTimeout;
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        // A second reconcile (nothing changed in the cluster) is timed when asked for: the interval is then just longer than
        // the settle time, so the settled reading still precedes it.
        foreach (var flag in Flags(kubeconfig, port, sources, secondReconcile ? "8s" : "1h").Concat(extraFlags))
        {
            psi.ArgumentList.Add(flag);
        }

        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("EXTERNAL_DNS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var metricsUri = new Uri($"http://127.0.0.1:{port}/metrics");
        var started = DateTimeOffset.UtcNow;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var stdoutBytes = 0L;
        var stderrTail = new Queue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Interlocked.Add(ref stdoutBytes, e.Data.Length + 1);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (stderrTail)
            {
                stderrTail.Enqueue(e.Data);
                if (stderrTail.Count > 20)
                {
                    stderrTail.Dequeue();
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        try
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"external-dns exited with {process.ExitCode} before its first sync; stderr:\n{Tail(stderrTail)}");
                }

                if (clock.Elapsed > limit)
                {
                    throw new TimeoutException($"external-dns did not complete a reconcile within {limit.TotalSeconds} s; stderr:\n{Tail(stderrTail)}");
                }

                var samples = await TryScrapeAsync(http, metricsUri, cancellationToken).ConfigureAwait(false);
                var lastSync = samples is null ? 0 : PrometheusText.Get(samples, "external_dns_controller_last_sync_timestamp_seconds");
                if (lastSync > 0)
                {
                    var atSync = ProcStatus.Read(process.Id);
                    var firstReconcile = PrometheusText.Get(samples!, "external_dns_controller_last_reconcile_timestamp_seconds");
                    await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
                    var settled = ProcStatus.Read(process.Id);
                    var after = await TryScrapeAsync(http, metricsUri, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("/metrics stopped answering after the first sync");
                    var quietSync = lastSync;
                    for (var extra = 0; PrometheusText.Get(after, "external_dns_controller_last_sync_timestamp_seconds") != quietSync; extra++)
                    {
                        // With --events the watch events of the first lists bring a second pass right after the first: the
                        // settled reading is then taken once a whole settle time passed without a pass.
                        if (!extraFlags.Contains("--events") || extra >= 5)
                        {
                            throw new InvalidOperationException("a second reconcile ran during the settle time");
                        }

                        quietSync = PrometheusText.Get(after, "external_dns_controller_last_sync_timestamp_seconds");
                        await Task.Delay(SettleTime, cancellationToken).ConfigureAwait(false);
                        settled = ProcStatus.Read(process.Id);
                        after = await TryScrapeAsync(http, metricsUri, cancellationToken).ConfigureAwait(false)
                            ?? throw new InvalidOperationException("/metrics stopped answering after the first sync");
                    }

                    TimeSpan? second = null;
                    ProcStatus? afterSecond = null;
                    if (secondReconcile)
                    {
                        while (true)
                        {
                            if (clock.Elapsed > limit + limit || process.HasExited)
                            {
                                throw new TimeoutException($"no second reconcile; stderr:\n{Tail(stderrTail)}");
                            }

                            await Task.Delay(PollInterval * 5, cancellationToken).ConfigureAwait(false);
                            var later = await TryScrapeAsync(http, metricsUri, cancellationToken).ConfigureAwait(false);
                            var sync2 = later is null ? 0 : PrometheusText.Get(later, "external_dns_controller_last_sync_timestamp_seconds");
                            var reconcile2 = later is null ? 0 : PrometheusText.Get(later, "external_dns_controller_last_reconcile_timestamp_seconds");
                            if (sync2 > lastSync && reconcile2 > firstReconcile && sync2 >= reconcile2)
                            {
                                second = FromUnix(sync2) - FromUnix(reconcile2);
                                afterSecond = ProcStatus.Read(process.Id);
                                break;
                            }
                        }
                    }

                    return new FirstSyncResult(
                        FromUnix(firstReconcile) - started,
                        FromUnix(lastSync) - started,
                        atSync,
                        settled,
                        (long)PrometheusText.Get(samples!, "external_dns_source_endpoints_total"),
                        (long)PrometheusText.Get(samples!, "external_dns_controller_planned_changes_total{action=\"create\"}"),
                        Interlocked.Read(ref stdoutBytes))
                    {
                        SecondReconcile = second,
                        AfterSecond = afterSecond,
                    };
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<string, double>?> TryScrapeAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return PrometheusText.Parse(await http.GetStringAsync(uri, cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException)
        {
            return null; // Not listening yet.
        }
    }

    private static DateTimeOffset FromUnix(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));

    private static string Tail(Queue<string> tail)
    {
        lock (tail)
        {
            return string.Join('\n', tail);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);
}
