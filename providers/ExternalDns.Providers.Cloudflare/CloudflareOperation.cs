using ExternalDns.Providers.Cloudflare.Api;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// One record write in a zone. <see cref="GroupKey"/> is the owned record's name: a record, its other targets and
/// its ownership TXT share it and are never split across batches, so they land (or fail) together.
/// </summary>
internal sealed record CloudflareOperation(CloudflareOperationKind Kind, string GroupKey, string Name, string Type, string Target, string? RecordId, CloudflareDnsRecordBody? Body)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Name} {Type} {Target}";
}
