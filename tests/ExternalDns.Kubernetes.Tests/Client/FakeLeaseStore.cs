using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ExternalDns.Kubernetes.Client;

namespace ExternalDns.Kubernetes.Tests.Client;

/// <summary>An in-memory lease store with the API server's optimistic concurrency, and failure injection.</summary>
public sealed class FakeLeaseStore : ILeaseStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Lease> _leases = [];
    private long _version = 1;

    /// <summary>When set, every call throws this (simulates an unreachable API server).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>Number of upcoming updates that fail with 409.</summary>
    public int ConflictsToInject { get; set; }

    public ConcurrentQueue<string> Operations { get; } = new();

    /// <summary>Runs before each GET answers (with the number of the GET, from 1): a slow API server, a clock that moves.</summary>
    public Func<int, Task>? BeforeGetAsync { get; set; }

    /// <summary>
    /// Runs after an update has been stored, before it answers (with the number of the update, from 1, and the caller's
    /// token): an answer lost to cancellation although the write happened.
    /// </summary>
    public Func<int, CancellationToken, Task>? AfterUpdateStoredAsync { get; set; }

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamps at which updates were called.</summary>
    public ConcurrentQueue<long> UpdateCalls { get; } = new();

    private int _gets;
    private int _updates;

    public Lease? Peek(string ns, string name)
    {
        lock (_lock)
        {
            return _leases.TryGetValue(ns + "/" + name, out var l) ? Copy(l) : null;
        }
    }

    /// <summary>Writes a lease directly, as another replica would.</summary>
    public void Put(string ns, string name, LeaseSpec spec)
    {
        lock (_lock)
        {
            _leases[ns + "/" + name] = new Lease
            {
                Metadata = new KubeObjectMeta { Name = name, Namespace = ns, ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture) },
                Spec = spec,
            };
        }
    }

    public async Task<Lease?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        Operations.Enqueue("get");
        if (FailWith is { } e)
        {
            throw e;
        }

        if (BeforeGetAsync is { } before)
        {
            await before(Interlocked.Increment(ref _gets));
        }

        return Peek(@namespace, name);
    }

    public Task<Lease> CreateAsync(Lease lease, CancellationToken cancellationToken)
    {
        Operations.Enqueue("create");
        if (FailWith is { } e)
        {
            throw e;
        }

        lock (_lock)
        {
            var key = lease.Metadata.Namespace + "/" + lease.Metadata.Name;
            if (_leases.ContainsKey(key))
            {
                throw new KubeConflictException("already exists", new KubeStatus { Code = 409, Reason = "AlreadyExists" });
            }

            var stored = Copy(lease);
            stored.Metadata.ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture);
            _leases[key] = stored;
            return Task.FromResult(Copy(stored));
        }
    }

    public async Task<Lease> UpdateAsync(Lease lease, CancellationToken cancellationToken)
    {
        UpdateCalls.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());
        var stored = Update(lease);
        if (AfterUpdateStoredAsync is { } after)
        {
            await after(Interlocked.Increment(ref _updates), cancellationToken);
        }

        return stored;
    }

    private Lease Update(Lease lease)
    {
        Operations.Enqueue("update:" + lease.Spec?.HolderIdentity);
        if (FailWith is { } e)
        {
            throw e;
        }

        lock (_lock)
        {
            var key = lease.Metadata.Namespace + "/" + lease.Metadata.Name;
            if (ConflictsToInject > 0)
            {
                ConflictsToInject--;
                throw new KubeConflictException("the object has been modified", new KubeStatus { Code = 409, Reason = "Conflict" });
            }

            if (!_leases.TryGetValue(key, out var current) || current.Metadata.ResourceVersion != lease.Metadata.ResourceVersion)
            {
                throw new KubeConflictException("the object has been modified", new KubeStatus { Code = 409, Reason = "Conflict" });
            }

            var stored = Copy(lease);
            stored.Metadata.ResourceVersion = (++_version).ToString(CultureInfo.InvariantCulture);
            _leases[key] = stored;
            return Copy(stored);
        }
    }

    private static Lease Copy(Lease lease) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(lease, KubeClientJsonContext.Default.Lease), KubeClientJsonContext.Default.Lease)!;
}
