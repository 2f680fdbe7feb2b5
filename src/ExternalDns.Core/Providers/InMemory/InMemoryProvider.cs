using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;

namespace ExternalDns.Core.Providers.InMemory;

/// <summary>
/// A provider that keeps records in memory (<c>--provider=inmemory</c>): for previews, tests and the quick start.
/// Records go to the longest matching zone; names outside every zone are not served. A change set that does not fit
/// the stored records (create of an existing record, update or delete of a missing one, the same record twice) is
/// rejected as a whole with <see cref="InvalidChangeException"/>, and nothing is applied.
/// Like a real DNS server it stores records, not ExternalDns labels: ownership lives in TXT records.
/// </summary>
public sealed class InMemoryProvider : IDnsProvider
{
    private readonly Lock _lock = new();
    private readonly ZoneIndex<Dictionary<EndpointKey, Endpoint>> _zones = new();

    public InMemoryProvider(InMemoryProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var zone in options.Zones)
        {
            if (string.IsNullOrWhiteSpace(zone))
            {
                continue;
            }

            _zones.Add(zone, []);
        }

        DomainFilter = _zones.ToDomainFilter();
    }

    public DomainFilter DomainFilter { get; }

    /// <summary>Number of successful <see cref="ApplyChangesAsync"/> calls (for tests and dry-run checks).</summary>
    public int ApplyCount { get; private set; }

    public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var result = new List<Endpoint>();
            foreach (var zoneName in _zones.Names)
            {
                _zones.TryFind(zoneName, out _, out var zone);
                foreach (var record in zone.Values)
                {
                    result.Add(record.Clone());
                }
            }

            return Task.FromResult<IReadOnlyList<Endpoint>>(result);
        }
    }

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints;

    public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.UpdateOld.Count != changes.UpdateNew.Count)
        {
            throw new InvalidChangeException(
                $"invalid change set: {changes.UpdateOld.Count} old and {changes.UpdateNew.Count} new records in the update");
        }

        lock (_lock)
        {
            Validate(changes);
            foreach (var e in changes.Delete)
            {
                Zone(e)?.Remove(KeyOf(e));
            }

            foreach (var e in changes.UpdateOld)
            {
                Zone(e)?.Remove(KeyOf(e));
            }

            foreach (var e in changes.UpdateNew)
            {
                Store(e);
            }

            foreach (var e in changes.Create)
            {
                Store(e);
            }

            ApplyCount++;
        }

        return Task.CompletedTask;
    }

    private static EndpointKey KeyOf(Endpoint e) => new(DnsNames.Normalize(e.DnsName), e.RecordType, e.SetIdentifier);

    private void Validate(Changes changes)
    {
        var touched = new HashSet<EndpointKey>();
        void Once(Endpoint e, string action)
        {
            if (!touched.Add(KeyOf(e)))
            {
                throw new InvalidChangeException($"invalid change set: {action} of {e.Key} appears more than once; nothing was applied");
            }
        }

        foreach (var e in changes.Create)
        {
            Once(e, "create");
            if (Zone(e) is { } zone && zone.ContainsKey(KeyOf(e)))
            {
                throw new InvalidChangeException($"cannot create {e.Key}: the record already exists; nothing was applied");
            }
        }

        for (var i = 0; i < changes.UpdateOld.Count; i++)
        {
            var old = changes.UpdateOld[i];
            Once(old, "update");
            if (Zone(old) is { } zone && !zone.ContainsKey(KeyOf(old)))
            {
                throw new InvalidChangeException($"cannot update {old.Key}: the record does not exist; nothing was applied");
            }

            if (KeyOf(old) != KeyOf(changes.UpdateNew[i]))
            {
                throw new InvalidChangeException(
                    $"cannot update {old.Key} into {changes.UpdateNew[i].Key}: an update keeps name, type and set identifier; nothing was applied");
            }
        }

        foreach (var e in changes.Delete)
        {
            Once(e, "delete");
            if (Zone(e) is { } zone && !zone.ContainsKey(KeyOf(e)))
            {
                throw new InvalidChangeException($"cannot delete {e.Key}: the record does not exist; nothing was applied");
            }
        }
    }

    private Dictionary<EndpointKey, Endpoint>? Zone(Endpoint e) => _zones.TryFind(e.DnsName, out _, out var zone) ? zone : null;

    private void Store(Endpoint e)
    {
        var zone = Zone(e);
        if (zone is null)
        {
            return;
        }

        var stored = new Endpoint(DnsNames.Normalize(e.DnsName), e.RecordType, e.RecordTtl, e.Targets)
        {
            SetIdentifier = e.SetIdentifier,
        };
        stored.AddProviderSpecific(e.ProviderSpecificProperties);
        zone[KeyOf(e)] = stored;
    }
}
