using ExternalDns.Core.Endpoints;
using ExternalDns.Providers.Cloudflare.Api;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// What the provider knows of one zone since the last read: its records keyed by (name, type, target), custom
/// hostnames by hostname and regional hostnames by hostname (null when not read). Apply uses the record ids from
/// here instead of listing the zone again, and keeps it current with the batch results.
/// </summary>
internal sealed class CloudflareZoneSnapshot
{
    private readonly Dictionary<string, CloudflareDnsRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _keyById = new(StringComparer.Ordinal);

    public CloudflareZoneSnapshot(CloudflareZone zone, IEnumerable<CloudflareDnsRecord> records)
    {
        Zone = zone;
        foreach (var record in records)
        {
            Put(record);
        }
    }

    public CloudflareZone Zone { get; }

    public string Id => Zone.Id;

    public string Name => Zone.Name;

    public bool IsFree => Zone.Plan?.IsFree ?? true;

    public int MaxComment => IsFree ? 100 : 500;

    public int MinTtl => Zone.Plan?.IsEnterprise == true ? 30 : 60;

    public IEnumerable<CloudflareDnsRecord> Records => _records.Values;

    public Dictionary<string, CloudflareCustomHostname> CustomHostnames { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string>? RegionalHostnames { get; set; }

    public static string Key(string name, string type, string target) =>
        string.Concat(DnsNames.Normalize(name), "|", type, "|", Targets.Canonical(target));

    public CloudflareDnsRecord? Find(string name, string type, string target) => _records.GetValueOrDefault(Key(name, type, target));

    public void Put(CloudflareDnsRecord record)
    {
        if (_keyById.Remove(record.Id, out var oldKey))
        {
            _records.Remove(oldKey);
        }

        var key = Key(record.Name, record.Type, CloudflareRecordMapper.TargetOf(record));
        _records[key] = record;
        _keyById[record.Id] = key;
    }

    public void Remove(string recordId)
    {
        if (_keyById.Remove(recordId, out var key))
        {
            _records.Remove(key);
        }
    }
}
