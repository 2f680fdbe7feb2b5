namespace ExternalDns.Testing.Route53;

/// <summary>The <c>AliasTarget</c> of an alias record set.</summary>
public sealed record Route53AliasTarget(string HostedZoneId, string DnsName, bool EvaluateTargetHealth);
