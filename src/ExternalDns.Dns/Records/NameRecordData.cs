using ExternalDns.Dns.Wire;

namespace ExternalDns.Dns.Records;

/// <summary>RDATA that is a single domain name: CNAME, NS, PTR (compressible, RFC 1035) and DNAME (not compressed, RFC 6672).</summary>
public sealed class NameRecordData : DnsRecordData
{
    /// <param name="name">The domain name.</param>
    /// <param name="compressible">False for DNAME, whose target must not be compressed (RFC 6672).</param>
    public NameRecordData(string name, bool compressible = true)
    {
        Compressible = compressible;
        ArgumentNullException.ThrowIfNull(name);
        DnsNameText.ParseLabels(name); // validates
        Name = name.EndsWith('.') && !name.EndsWith("\\.", StringComparison.Ordinal) ? name[..^1] : name;
    }

    public string Name { get; }

    public bool Compressible { get; }

    public override void WriteTo(DnsWireWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteName(Name, Compressible);
    }

    public override string ToString() => Name + ".";
}
