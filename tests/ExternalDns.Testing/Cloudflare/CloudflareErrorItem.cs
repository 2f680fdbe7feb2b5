namespace ExternalDns.Testing.Cloudflare;

/// <summary>One entry of the <c>errors</c> array of Cloudflare's response envelope.</summary>
public sealed record CloudflareErrorItem(int Code, string Message, IReadOnlyList<CloudflareErrorItem>? Chain = null);
