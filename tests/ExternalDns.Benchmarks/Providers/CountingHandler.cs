using System.Collections.Concurrent;

namespace ExternalDns.Benchmarks.Providers;

/// <summary>
/// Counts the HTTP requests that leave the process, per method, independently of any counter the code under test
/// keeps. Wraps a fresh <see cref="SocketsHttpHandler"/>.
/// </summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, long> _perMethod = new(StringComparer.Ordinal);
    private long _total;

    public CountingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public long Total => Interlocked.Read(ref _total);

    /// <summary>A snapshot of the per-method counts (e.g. GET → 1, PATCH → 1).</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_perMethod, StringComparer.Ordinal);

    /// <summary>The per-method difference between two snapshots as text, e.g. "1 GET + 1 PATCH".</summary>
    public static string Describe(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var parts = after
            .Select(kv => (Method: kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key)))
            .Where(p => p.Count > 0)
            .OrderBy(p => p.Method, StringComparer.Ordinal)
            .Select(p => FormattableString.Invariant($"{p.Count} {p.Method}"));
        var text = string.Join(" + ", parts);
        return text.Length == 0 ? "none" : text;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _total);
        _perMethod.AddOrUpdate(request.Method.Method, 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }
}
