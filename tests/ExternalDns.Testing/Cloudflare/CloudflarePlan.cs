namespace ExternalDns.Testing.Cloudflare;

/// <summary>A zone's Cloudflare plan: it decides the comment length (100 free, 500 paid), the batch size (200 free,
/// 3,500 paid) and the minimum TTL (60, or 30 on Enterprise).</summary>
public enum CloudflarePlan
{
    Free,
    Pro,
    Business,
    Enterprise,
}
