using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Providers.PowerDns;
using ExternalDns.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// The PowerDNS side: every run starts a fresh <see cref="PowerDnsServer"/> (sqlite3 backend) with an empty zone
/// example.org, applies all creates and then all deletes, and checks after each phase, by <c>dig AXFR</c> of the
/// server's DNS port, that the zone holds exactly what it should. Requests are counted twice: by the provider's own
/// counter and by a <see cref="CountingHandler"/> under its HttpClient.
/// </summary>
internal static class PowerDnsBenchmark
{
    /// <summary>Large PATCH bodies take PowerDNS a while: a generous limit, so a slow run is measured, not retried.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Our <see cref="PowerDnsProvider"/>: one <c>ApplyChangesAsync</c> per phase, default options but the timeout.</summary>
    public static async Task<RunResult> ProviderRunAsync(BenchmarkRecords records, CancellationToken cancellationToken)
    {
        using var server = new PowerDnsServer();
        await server.CreateZoneAsync(BenchmarkRecords.Zone, cancellationToken).ConfigureAwait(false);
        var seed = ZoneVerifier.WithoutSoa(DigAxfr.Records(server.DnsPort, BenchmarkRecords.Zone));
        using var handler = new CountingHandler();
        using var provider = new PowerDnsProvider(
            new PowerDnsProviderOptions
            {
                Server = $"http://127.0.0.1:{server.ApiPort}",
                ApiKey = server.ApiKey,
                RequestTimeout = RequestTimeout,
            },
            new DomainFilter([BenchmarkRecords.Zone]),
            NullLogger<PowerDnsProvider>.Instance,
            new ProviderHttpFactory(new MetricRegistry(), TimeProvider.System, NullLoggerFactory.Instance, () => handler));

        var create = await PhaseAsync(
            "PowerDNS provider, create", handler, () => provider.RequestCount,
            () => provider.ApplyChangesAsync(new Changes { Create = records.CreateEndpoints() }, cancellationToken)).ConfigureAwait(false);
        ZoneVerifier.Verify("PowerDNS provider, after create", DigAxfr.Records(server.DnsPort, BenchmarkRecords.Zone), seed, records.ExpectedTransferLines);

        var delete = await PhaseAsync(
            "PowerDNS provider, delete", handler, () => provider.RequestCount,
            () => provider.ApplyChangesAsync(new Changes { Delete = records.CreateEndpoints() }, cancellationToken)).ConfigureAwait(false);
        ZoneVerifier.Verify("PowerDNS provider, after delete", DigAxfr.Records(server.DnsPort, BenchmarkRecords.Zone), seed, null);
        return new RunResult(create, delete);
    }

    /// <summary>
    /// The baseline: one raw <see cref="HttpClient"/> PATCH per phase with every rrset (REPLACE, then DELETE), the body
    /// serialised inside the timed region as the provider's is.
    /// </summary>
    public static async Task<RunResult> RawRunAsync(BenchmarkRecords records, CancellationToken cancellationToken)
    {
        using var server = new PowerDnsServer();
        await server.CreateZoneAsync(BenchmarkRecords.Zone, cancellationToken).ConfigureAwait(false);
        var seed = ZoneVerifier.WithoutSoa(DigAxfr.Records(server.DnsPort, BenchmarkRecords.Zone));
        using var handler = new CountingHandler();
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = RequestTimeout };
        var zoneUrl = new Uri(server.ZonesUrl + "/" + Uri.EscapeDataString(BenchmarkRecords.Zone + "."));

        var create = await PhaseAsync("raw PATCH, create", handler, () => handler.Total, () => PatchAsync(replace: true)).ConfigureAwait(false);
        ZoneVerifier.Verify("raw PATCH, after create", DigAxfr.Records(server.DnsPort, BenchmarkRecords.Zone), seed, records.ExpectedTransferLines);

        var delete = await PhaseAsync("raw PATCH, delete", handler, () => handler.Total, () => PatchAsync(replace: false)).ConfigureAwait(false);
        ZoneVerifier.Verify("raw PATCH, after delete", DigAxfr.Records(server.DnsPort, BenchmarkRecords.Zone), seed, null);
        return new RunResult(create, delete);

        async Task PatchAsync(bool replace)
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, zoneUrl);
            request.Headers.Add("X-API-Key", server.ApiKey);
            request.Content = new ByteArrayContent(records.PowerDnsPatch(replace));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"raw PATCH ({(replace ? "REPLACE" : "DELETE")}): HTTP {(int)response.StatusCode}: {body}");
            }
        }
    }

    /// <summary>Times <paramref name="apply"/>; the sender's count must equal the count seen under the HttpClient, and exactly one PATCH must have gone out.</summary>
    private static async Task<PhaseResult> PhaseAsync(string what, CountingHandler handler, Func<long> sentCounter, Func<Task> apply)
    {
        var before = handler.Snapshot();
        var totalBefore = handler.Total;
        var sentBefore = sentCounter();
        var started = Stopwatch.GetTimestamp();
        await apply().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var sent = sentCounter() - sentBefore;
        var seen = handler.Total - totalBefore;
        var after = handler.Snapshot();
        var patches = after.GetValueOrDefault("PATCH") - before.GetValueOrDefault("PATCH");
        if (sent != seen || patches != 1)
        {
            throw new InvalidOperationException(
                $"{what}: expected one PATCH for the one zone; the sender counted {sent} requests, the HTTP handler saw {seen} ({CountingHandler.Describe(before, after)}).");
        }

        return new PhaseResult(elapsed, sent, CountingHandler.Describe(before, after));
    }
}
