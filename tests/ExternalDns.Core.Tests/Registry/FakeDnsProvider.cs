using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;

namespace ExternalDns.Core.Tests.Registry;

/// <summary>
/// In-memory provider for registry tests. Like upstream's inmemory provider (and Route53) it rejects a create of an
/// existing record and a delete of a missing one; like Route53 a delete must name the stored values exactly, and an
/// update is an upsert (the force-update that writes a missing new-format TXT relies on that).
/// Every ApplyChanges call is recorded (deep copies).
/// </summary>
public sealed class FakeDnsProvider : IDnsProvider
{
    private readonly List<Endpoint> _records = [];

    public List<Changes> Applied { get; } = [];

    public int RecordsCalls { get; private set; }

    public Exception? FailNextApply { get; set; }

    public DomainFilter DomainFilter { get; } = new();

    public IReadOnlyList<Endpoint> Stored => _records;

    public void Seed(params Endpoint[] endpoints)
    {
        foreach (var e in endpoints)
        {
            Assert.DoesNotContain(_records, r => r.Key == e.Key);
            _records.Add(e.Clone());
        }
    }

    public Task<IReadOnlyList<Endpoint>> RecordsAsync(CancellationToken cancellationToken)
    {
        RecordsCalls++;
        return Task.FromResult<IReadOnlyList<Endpoint>>(_records.Select(r => r.Clone()).ToList());
    }

    public Task ApplyChangesAsync(Changes changes, CancellationToken cancellationToken)
    {
        Applied.Add(new Changes
        {
            Create = changes.Create.Select(e => e.Clone()).ToList(),
            UpdateOld = changes.UpdateOld.Select(e => e.Clone()).ToList(),
            UpdateNew = changes.UpdateNew.Select(e => e.Clone()).ToList(),
            Delete = changes.Delete.Select(e => e.Clone()).ToList(),
        });
        if (FailNextApply is { } failure)
        {
            FailNextApply = null;
            throw failure;
        }

        foreach (var d in changes.Delete)
        {
            var index = _records.FindIndex(r => r.Key == d.Key);
            if (index < 0 || !_records[index].Targets.Same(d.Targets))
            {
                throw new InvalidChangeException($"delete of {d}: no such record with these values");
            }

            _records.RemoveAt(index);
        }

        foreach (var n in changes.UpdateNew)
        {
            _records.RemoveAll(r => r.Key == n.Key);
            _records.Add(n.Clone());
        }

        foreach (var c in changes.Create)
        {
            if (_records.Exists(r => r.Key == c.Key))
            {
                throw new InvalidChangeException($"create of {c}: record already exists");
            }

            _records.Add(c.Clone());
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<Endpoint> AdjustEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints;
}
