namespace ExternalDns.Core.Endpoints;

/// <summary>Identity of an endpoint: name, record type and set identifier (upstream's <c>Key()</c>).</summary>
public readonly record struct EndpointKey(string DnsName, string RecordType, string SetIdentifier)
{
    public override string ToString() =>
        SetIdentifier.Length == 0 ? $"{DnsName} {RecordType}" : $"{DnsName} {RecordType} [{SetIdentifier}]";
}
