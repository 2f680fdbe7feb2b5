using ExternalDns.Core.Endpoints;
using ExternalDns.Providers.Aws.Api;

namespace ExternalDns.Providers.Aws;

/// <summary>A managed hosted zone and the client (profile) that reaches it.</summary>
internal sealed record AwsZone(HostedZone Zone, string Profile, IRoute53Api Api)
{
    public string Id => Zone.Id;

    /// <summary>Lower case, no trailing dot.</summary>
    public string Name { get; } = DnsNames.Normalize(AwsRecordMapper.Unescape(Zone.Name));
}
