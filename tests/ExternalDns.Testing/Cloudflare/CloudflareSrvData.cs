namespace ExternalDns.Testing.Cloudflare;

/// <summary>The <c>data</c> of an SRV record.</summary>
public sealed record CloudflareSrvData(int Priority, int Weight, int Port, string Target);
