namespace ExternalDns.Providers.Google;

/// <summary>The <c>--google-*</c> flags (and <c>--zone-id-filter</c>), validated once by <see cref="GoogleModule"/>.</summary>
public sealed class GoogleProviderOptions
{
    public static readonly Uri DefaultApiEndpoint = new("https://dns.googleapis.com/dns/v1/");

    /// <summary>Upstream's default TTL for a record without one.</summary>
    public const int DefaultTtl = 300;

    /// <summary>Cloud DNS accepts at most 100,000 bytes of record data per change.</summary>
    public const int MaxRecordDataBytesPerChange = 100_000;

    /// <summary><c>--google-project</c>; null or empty: from the metadata server.</summary>
    public string? Project { get; init; }

    /// <summary><c>--google-batch-change-size</c>: additions plus deletions per change.</summary>
    public int BatchChangeSize { get; init; } = 1000;

    /// <summary><c>--google-batch-change-interval</c>: pause between two changes.</summary>
    public TimeSpan BatchChangeInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary><c>--google-zone-visibility</c>: "", "public" or "private".</summary>
    public string ZoneVisibility { get; init; } = string.Empty;

    /// <summary><c>--zone-id-filter</c>: a zone matches when its numeric id or its name ends with one of these (upstream's
    /// suffix match); empty matches every zone.</summary>
    public IReadOnlyList<string> ZoneIdFilter { get; init; } = [];

    /// <summary><c>--google-api-endpoint</c> (ours): the API root, for Private Service Connect endpoints and tests.</summary>
    public Uri ApiEndpoint { get; init; } = DefaultApiEndpoint;

    /// <summary>First wait before polling a pending change (doubles up to <see cref="ChangePollMaxInterval"/>).</summary>
    public TimeSpan ChangePollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ChangePollMaxInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for a change to be <c>done</c>; after that the provider logs a warning and goes on (the
    /// change was accepted and will be served).</summary>
    public TimeSpan ChangeWaitTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Zones listed by a read are reused by the apply that follows within this time.</summary>
    public TimeSpan ZoneListReuse { get; init; } = TimeSpan.FromMinutes(1);
}
