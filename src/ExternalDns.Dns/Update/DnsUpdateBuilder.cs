using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;

namespace ExternalDns.Dns.Update;

/// <summary>
/// Builds an RFC 2136 UPDATE message for one zone: prerequisites (section 2.4) and updates (section 2.5).
/// The server applies the updates of one message in order and atomically.
/// </summary>
public sealed class DnsUpdateBuilder
{
    private readonly DnsMessage _message;

    public DnsUpdateBuilder(string zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ZoneName = zone;
        _message = new DnsMessage { Opcode = DnsOpcode.Update };
        _message.Zone.Add(new DnsQuestion(zone, DnsRecordType.SOA, DnsClass.IN));
    }

    public string ZoneName { get; }

    /// <summary>The number of RRs in the update section so far.</summary>
    public int UpdateCount => _message.Updates.Count;

    public int PrerequisiteCount => _message.Prerequisites.Count;

    /// <summary>2.4.4: the name has at least one RR.</summary>
    public DnsUpdateBuilder RequireNameInUse(string name) =>
        Prerequisite(new DnsResourceRecord(name, DnsRecordType.ANY, DnsClass.ANY, 0, EmptyRecordData.Instance));

    /// <summary>2.4.5: the name has no RR.</summary>
    public DnsUpdateBuilder RequireNameNotInUse(string name) =>
        Prerequisite(new DnsResourceRecord(name, DnsRecordType.ANY, DnsClass.NONE, 0, EmptyRecordData.Instance));

    /// <summary>2.4.1: an RRset of this type exists (value independent).</summary>
    public DnsUpdateBuilder RequireRRsetExists(string name, DnsRecordType type) =>
        Prerequisite(new DnsResourceRecord(name, type, DnsClass.ANY, 0, EmptyRecordData.Instance));

    /// <summary>2.4.3: no RRset of this type exists.</summary>
    public DnsUpdateBuilder RequireRRsetNotExists(string name, DnsRecordType type) =>
        Prerequisite(new DnsResourceRecord(name, type, DnsClass.NONE, 0, EmptyRecordData.Instance));

    /// <summary>2.4.2: an RRset exists and holds (among all prerequisites of this kind) exactly these values.</summary>
    public DnsUpdateBuilder RequireRRsetValue(string name, DnsRecordType type, DnsRecordData data) =>
        Prerequisite(new DnsResourceRecord(name, type, DnsClass.IN, 0, data));

    /// <summary>2.5.1: add an RR to an RRset.</summary>
    public DnsUpdateBuilder AddRecord(string name, DnsRecordType type, uint ttl, DnsRecordData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data is EmptyRecordData)
        {
            throw new ArgumentException("An added record needs data.", nameof(data));
        }

        _message.Updates.Add(new DnsResourceRecord(name, type, DnsClass.IN, ttl, data));
        return this;
    }

    /// <summary>2.5.4: delete one RR from an RRset.</summary>
    public DnsUpdateBuilder DeleteRecord(string name, DnsRecordType type, DnsRecordData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _message.Updates.Add(new DnsResourceRecord(name, type, DnsClass.NONE, 0, data));
        return this;
    }

    /// <summary>2.5.2: delete an RRset.</summary>
    public DnsUpdateBuilder DeleteRRset(string name, DnsRecordType type)
    {
        _message.Updates.Add(new DnsResourceRecord(name, type, DnsClass.ANY, 0, EmptyRecordData.Instance));
        return this;
    }

    /// <summary>2.5.3: delete all RRsets from a name.</summary>
    public DnsUpdateBuilder DeleteAllRRsets(string name) => DeleteRRset(name, DnsRecordType.ANY);

    /// <summary>The UPDATE message (id 0; the client assigns one when sending).</summary>
    public DnsMessage Build() => _message;

    private DnsUpdateBuilder Prerequisite(DnsResourceRecord rr)
    {
        _message.Prerequisites.Add(rr);
        return this;
    }
}
