using System.Collections.Concurrent;

namespace ExternalDns.Testing.Azure;

/// <summary>Requests received by the emulator, per operation, plus the full request log.</summary>
public sealed class AzureDnsCounters
{
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AzureRequestRecord> _log = new();

    /// <summary>Requests for this operation (e.g. <c>RecordSets_CreateOrUpdate</c>, <c>Token</c>), whatever their status.</summary>
    public long this[string operation] => _byOperation.TryGetValue(operation, out var n) ? n : 0;

    /// <summary>Requests to ARM (zones and record sets), not counting the identity endpoints.</summary>
    public long ArmRequests => _log.Count(r => !IsIdentity(r.Operation));

    /// <summary>PUT and DELETE of record sets (every attempt, whatever its status).</summary>
    public long RecordSetWrites => this["RecordSets_CreateOrUpdate"] + this["RecordSets_Delete"];

    /// <summary>Record set list pages requested (all three list operations).</summary>
    public long RecordSetListPages => this["RecordSets_List"] + this["RecordSets_ListAllByDnsZone"] + this["RecordSets_ListByDnsZone"] + this["RecordSets_ListByType"];

    /// <summary>Token requests to the Entra ID token endpoint and the managed identity endpoints.</summary>
    public long TokenRequests => this["Token"] + this["ManagedIdentityToken"];

    public IReadOnlyList<AzureRequestRecord> Log => [.. _log];

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_byOperation, StringComparer.Ordinal);

    public void Reset()
    {
        _byOperation.Clear();
        _log.Clear();
    }

    internal void Count(string operation) => _byOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);

    internal void Record(AzureRequestRecord record) => _log.Enqueue(record);

    private static bool IsIdentity(string operation) =>
        operation is "Token" or "ManagedIdentityToken" or "OpenIdConfiguration" or "InstanceDiscovery" or "Unknown";
}
