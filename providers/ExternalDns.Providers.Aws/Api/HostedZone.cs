namespace ExternalDns.Providers.Aws.Api;

/// <summary>A Route53 hosted zone as ListHostedZones reports it. <see cref="Id"/> is bare (no <c>/hostedzone/</c>); <see cref="Name"/> has its trailing dot.</summary>
public sealed record HostedZone(string Id, string Name, bool IsPrivate);
