namespace ExternalDns.Testing.Google;

/// <summary>A managed zone in the emulator: its metadata and (under the emulator's lock) its record sets and changes.</summary>
public sealed class CloudDnsZone
{
    internal CloudDnsZone(string project, string name, string dnsName, ulong id, string visibility, CloudDnsZoneKind kind, DateTimeOffset created)
    {
        Project = project;
        Name = name;
        DnsName = dnsName;
        Id = id;
        Visibility = visibility;
        Kind = kind;
        Created = created;
    }

    public string Project { get; }

    /// <summary>The zone's resource name (for example <c>example-org</c>).</summary>
    public string Name { get; }

    /// <summary>The DNS name with a trailing dot (for example <c>example.org.</c>).</summary>
    public string DnsName { get; }

    /// <summary>The numeric id (a uint64, sent as a JSON string as Cloud DNS does).</summary>
    public ulong Id { get; }

    /// <summary><c>public</c> or <c>private</c>.</summary>
    public string Visibility { get; }

    public CloudDnsZoneKind Kind { get; }

    public DateTimeOffset Created { get; }

    internal SortedDictionary<(string Name, string Type), CloudDnsRecordSet> RecordSets { get; } = new(KeyComparer.Instance);

    internal List<CloudDnsChangeRecord> Changes { get; } = [];

    /// <summary>Record sets sort by reversed labels (so a zone lists in DNS order), then type.</summary>
    private sealed class KeyComparer : IComparer<(string Name, string Type)>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare((string Name, string Type) x, (string Name, string Type) y)
        {
            var byName = string.CompareOrdinal(Reverse(x.Name), Reverse(y.Name));
            return byName != 0 ? byName : string.CompareOrdinal(x.Type, y.Type);
        }

        private static string Reverse(string name) => string.Join('.', name.TrimEnd('.').Split('.').Reverse());
    }
}
