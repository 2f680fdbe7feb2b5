namespace ExternalDns.Testing.Route53;

/// <summary>A hosted zone of the emulator: identity, type, VPCs and tags; its record sets live in the emulator.</summary>
public sealed class Route53HostedZone
{
    internal Route53HostedZone(string id, string name, bool isPrivate, IReadOnlyList<(string Region, string VpcId)> vpcs, string callerReference)
    {
        Id = id;
        Name = name;
        IsPrivate = isPrivate;
        Vpcs = vpcs;
        CallerReference = callerReference;
    }

    /// <summary>The bare id (Z…), without <c>/hostedzone/</c>.</summary>
    public string Id { get; }

    /// <summary>Fully qualified, lower case, with the trailing dot.</summary>
    public string Name { get; }

    public bool IsPrivate { get; }

    public IReadOnlyList<(string Region, string VpcId)> Vpcs { get; }

    public string CallerReference { get; }

    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    internal SortedDictionary<string, Route53RecordSet> Records { get; set; } = new(Route53Names.RecordOrder);
}
