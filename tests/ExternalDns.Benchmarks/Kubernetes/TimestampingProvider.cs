using System.Diagnostics;
using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;

namespace ExternalDns.Benchmarks.Kubernetes;

/// <summary>
/// An <see cref="IDnsProvider"/> around the in-memory provider that takes a <see cref="Stopwatch"/> timestamp when
/// <see cref="ApplyChangesAsync"/> is entered and when the inner write has returned, and completes the pending
/// <see cref="Expect"/> whose A record (name, address) the write contains.
/// </summary>
internal sealed class TimestampingProvider(IDnsProvider inner) : IDnsProvider
{
    private readonly Lock _lock = new();
    private Expectation? _pending;

    public DomainFilter DomainFilter => inner.DomainFilter;

    /// <summary>Successful writes so far.</summary>
    public int Applies { get; private set; }

    /// <summary>Writes that did not carry the pending expectation (the initial creates, or anything unexpected).</summary>
    public int OtherApplies { get; private set; }

    public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken) => inner.RecordsAsync(cancellationToken);

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => inner.AdjustEndpoints(endpoints);

    public Task<IReadOnlyList<Endpoint>> AdjustEndpointsAsync(IReadOnlyList<Endpoint> endpoints, CancellationToken cancellationToken) =>
        inner.AdjustEndpointsAsync(endpoints, cancellationToken);

    /// <summary>Arms the wait for the write that sets <paramref name="dnsName"/> A to <paramref name="address"/>.</summary>
    public Task<(long Entered, long Written)> Expect(string dnsName, string address)
    {
        var expectation = new Expectation(dnsName, address);
        lock (_lock)
        {
            if (_pending is not null)
            {
                throw new InvalidOperationException("one expectation at a time");
            }

            _pending = expectation;
        }

        return expectation.Completion.Task;
    }

    public async Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var entered = Stopwatch.GetTimestamp();
        await inner.ApplyChangesAsync(changes, cancellationToken).ConfigureAwait(false);
        var written = Stopwatch.GetTimestamp();
        Expectation? met = null;
        lock (_lock)
        {
            Applies++;
            if (_pending is { } p && changes.UpdateNew.Concat(changes.Create).Any(e => e.DnsName == p.DnsName && e.RecordType == RecordTypes.A && e.Targets.Contains(p.Address)))
            {
                met = p;
                _pending = null;
            }
            else
            {
                OtherApplies++;
            }
        }

        met?.Completion.TrySetResult((entered, written));
    }

    private sealed class Expectation(string dnsName, string address)
    {
        public string DnsName { get; } = dnsName;

        public string Address { get; } = address;

        public TaskCompletionSource<(long Entered, long Written)> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
