namespace ExternalDns.Providers.Aws.Api;

/// <summary>The target of an alias record set.</summary>
public sealed record AliasTarget(string HostedZoneId, string DnsName, bool EvaluateTargetHealth);
