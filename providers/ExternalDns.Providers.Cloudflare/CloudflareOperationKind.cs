namespace ExternalDns.Providers.Cloudflare;

/// <summary>What a batch operation does; Cloudflare runs deletes, then puts, then posts.</summary>
internal enum CloudflareOperationKind
{
    Delete,
    Put,
    Post,
}
