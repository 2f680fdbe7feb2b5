using System.Diagnostics;
using System.Globalization;
using ExternalDns.Core.Planning;
using ExternalDns.Providers.Rfc2136;
using ExternalDns.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// The BIND 9 side: every run starts a fresh <see cref="BindServer"/> (seeded zone example.org), applies all creates and
/// then all deletes, and checks after each phase, by a TSIG-signed <c>dig AXFR</c>, that the zone holds exactly what it
/// should. Messages are counted twice: by the sender (the provider's counter, or the <c>send</c> commands of the
/// nsupdate script) and by BIND itself (one <c>signer … approved</c> log line per UPDATE message received).
/// </summary>
internal static class BindBenchmark
{
    private const string ApprovedLine = "signer \"" + BindServer.KeyName + "\" approved";
    private static readonly string Tsig = $"{BindServer.KeyAlgorithm}:{BindServer.KeyName}:{BindServer.KeySecret}";

    /// <summary>Our <see cref="Rfc2136Provider"/> with the default options (batch size 50, TCP, TSIG hmac-sha256).</summary>
    public static async Task<RunResult> ProviderRunAsync(BenchmarkRecords records, CancellationToken cancellationToken)
    {
        using var bind = new BindServer();
        var seed = ZoneVerifier.WithoutSoa(DigAxfr.Records(bind.Port, BenchmarkRecords.Zone, Tsig));
        var options = new Rfc2136ProviderOptions
        {
            Hosts = [bind.Host],
            Port = bind.Port,
            Zones = [BenchmarkRecords.Zone],
            TsigKeyName = BindServer.KeyName,
            TsigSecret = BindServer.KeySecret,
            TsigSecretAlg = BindServer.KeyAlgorithm,
        };
        var batchSize = options.BatchChangeSize;
        var provider = new Rfc2136Provider(options, NullLogger<Rfc2136Provider>.Instance);
        var expectedMessages = records.Batches(batchSize);

        var create = await PhaseAsync(
            bind, "RFC2136 provider, create", expectedMessages,
            () => provider.ApplyChangesAsync(new Changes { Create = records.CreateEndpoints() }, cancellationToken),
            () => provider.UpdateMessagesSent,
            cancellationToken).ConfigureAwait(false);
        ZoneVerifier.Verify("RFC2136 provider, after create", DigAxfr.Records(bind.Port, BenchmarkRecords.Zone, Tsig), seed, records.ExpectedTransferLines);

        var delete = await PhaseAsync(
            bind, "RFC2136 provider, delete", expectedMessages,
            () => provider.ApplyChangesAsync(new Changes { Delete = records.CreateEndpoints() }, cancellationToken),
            () => provider.UpdateMessagesSent,
            cancellationToken).ConfigureAwait(false);
        ZoneVerifier.Verify("RFC2136 provider, after delete", DigAxfr.Records(bind.Port, BenchmarkRecords.Zone, Tsig), seed, null);
        return new RunResult(create, delete);
    }

    /// <summary>
    /// The baseline: BIND's own <c>nsupdate -v -y hmac-sha256:KEY:SECRET SCRIPT</c>, one process per phase, the
    /// script (written before the clock starts) holding <paramref name="batchSize"/> records per <c>send</c>.
    /// </summary>
    public static async Task<RunResult> NsupdateRunAsync(BenchmarkRecords records, int batchSize, CancellationToken cancellationToken)
    {
        using var bind = new BindServer();
        var seed = ZoneVerifier.WithoutSoa(DigAxfr.Records(bind.Port, BenchmarkRecords.Zone, Tsig));
        var sends = records.Batches(batchSize);
        long sent = 0;

        var create = await PhaseAsync(
            bind, "nsupdate, create", sends,
            Nsupdate(bind, records.NsupdateScript(bind.Host, bind.Port, add: true, batchSize), "add", cancellationToken),
            () => sent,
            cancellationToken).ConfigureAwait(false);
        ZoneVerifier.Verify("nsupdate, after create", DigAxfr.Records(bind.Port, BenchmarkRecords.Zone, Tsig), seed, records.ExpectedTransferLines);

        sent = 0;
        var delete = await PhaseAsync(
            bind, "nsupdate, delete", sends,
            Nsupdate(bind, records.NsupdateScript(bind.Host, bind.Port, add: false, batchSize), "delete", cancellationToken),
            () => sent,
            cancellationToken).ConfigureAwait(false);
        ZoneVerifier.Verify("nsupdate, after delete", DigAxfr.Records(bind.Port, BenchmarkRecords.Zone, Tsig), seed, null);
        return new RunResult(create, delete);

        Func<Task> Nsupdate(BindServer server, string script, string name, CancellationToken ct)
        {
            // The script is written before the timed region starts; the timed region is the nsupdate process.
            var path = Path.Combine(server.WorkDirectory, $"bench-{name}.nsupdate");
            File.WriteAllText(path, script);
            return async () =>
            {
                var (exitCode, output) = await ExternalProcess.RunAsync("nsupdate", ["-v", "-y", Tsig, path], TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new InvalidOperationException($"nsupdate ({name}) failed with exit code {exitCode}: {output}");
                }

                sent = sends; // one UPDATE per send command; BIND's log count below checks it
            };
        }
    }

    /// <summary>
    /// Times <paramref name="apply"/>, then insists that the sender's count and BIND's count of UPDATE messages both
    /// equal <paramref name="expectedMessages"/> (ceil(records / batch size)).
    /// </summary>
    private static async Task<PhaseResult> PhaseAsync(
        BindServer bind, string what, long expectedMessages, Func<Task> apply, Func<long> sentCounter, CancellationToken cancellationToken)
    {
        var logBefore = CountApproved(bind);
        var sentBefore = sentCounter();
        var started = Stopwatch.GetTimestamp();
        await apply().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var sent = sentCounter() - sentBefore;
        var received = await WaitForApprovedAsync(bind, logBefore, expectedMessages, cancellationToken).ConfigureAwait(false);
        if (sent != expectedMessages || received != expectedMessages)
        {
            throw new InvalidOperationException(
                $"{what}: expected exactly {expectedMessages} UPDATE messages, but {sent} were sent and BIND logged {received}.");
        }

        return new PhaseResult(elapsed, sent, string.Create(CultureInfo.InvariantCulture, $"{sent} UPDATE (BIND received {received})"));
    }

    private static int CountApproved(BindServer bind)
    {
        var log = Path.Combine(bind.WorkDirectory, "named.log");
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(ApprovedLine, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>BIND writes its log asynchronously to the sender: wait (at most 3 s) until the count stops growing or reaches the expected value.</summary>
    private static async Task<long> WaitForApprovedAsync(BindServer bind, int before, long expected, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var last = -1L;
        while (true)
        {
            var now = CountApproved(bind) - before;
            if (now == expected || (now == last && deadline.Elapsed > TimeSpan.FromMilliseconds(500)) || deadline.Elapsed > TimeSpan.FromSeconds(3))
            {
                return now;
            }

            last = now;
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }
}
