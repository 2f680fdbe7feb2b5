using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Registry;

/// <summary>Configuration of <see cref="TxtRegistry"/>; each property maps onto one upstream flag.</summary>
public sealed class TxtRegistryOptions
{
    /// <summary><c>--txt-owner-id</c>: the owner id written into and required on ownership records. Must not be empty.</summary>
    public string OwnerId { get; set; } = "default";

    /// <summary><c>--txt-prefix</c>: prepended to the first label of TXT names; may contain <c>%{record_type}</c>.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary><c>--txt-suffix</c>: appended to the first label of TXT names; may contain <c>%{record_type}</c>. Exclusive with <see cref="Prefix"/>.</summary>
    public string Suffix { get; set; } = string.Empty;

    /// <summary><c>--txt-wildcard-replacement</c>: replaces a leading <c>*</c> label in TXT names.</summary>
    public string WildcardReplacement { get; set; } = string.Empty;

    /// <summary><c>--txt-encrypt-enabled</c>: write TXT values encrypted with <see cref="EncryptAesKey"/>.</summary>
    public bool EncryptEnabled { get; set; }

    /// <summary>
    /// <c>--txt-encrypt-aes-key</c>: 32 raw bytes, or base64 of 32 bytes. When set, encrypted values are read even with
    /// encryption disabled (as upstream). Never logged.
    /// </summary>
    public string EncryptAesKey { get; set; } = string.Empty;

    /// <summary><c>--txt-cache-interval</c>: how long <see cref="TxtRegistry.RecordsAsync"/> may serve cached records; zero disables the cache.</summary>
    public TimeSpan CacheInterval { get; set; } = TimeSpan.Zero;

    /// <summary><c>--migrate-from-txt-owner</c>: records owned by this id are taken over by <see cref="OwnerId"/>.</summary>
    public string MigrateFromOwner { get; set; } = string.Empty;

    /// <summary><c>--managed-record-types</c>: the types whose missing new-format TXT forces an update.</summary>
    public IReadOnlyList<string> ManagedRecordTypes { get; set; } = RecordTypes.DefaultManaged;

    /// <summary><c>--exclude-record-types</c>: subtracted from <see cref="ManagedRecordTypes"/>.</summary>
    public IReadOnlyList<string> ExcludeRecordTypes { get; set; } = [];
}
