namespace ExternalDns.Testing.Google;

/// <summary>Settings of a <see cref="CloudDnsEmulator"/>.</summary>
public sealed class CloudDnsEmulatorOptions
{
    /// <summary>Clock for token expiry and timestamps.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Page size of managedZones.list and rrsets.list when the request has no <c>maxResults</c>
    /// ("the server decides").</summary>
    public int DefaultPageSize { get; init; } = 1000;

    /// <summary>Upper bound of <c>maxResults</c>.</summary>
    public int MaxPageSize { get; init; } = 1000;

    /// <summary>The number of changes.get polls after which a new change is <c>done</c> (the default 1: changes.create
    /// answers <c>pending</c>, the first poll <c>done</c>); 0 means changes.create already answers <c>done</c>. The
    /// records are applied at once either way.</summary>
    public int ChangePollsUntilDone { get; init; } = 1;

    /// <summary>Lifetime of issued access tokens (<c>expires_in</c>).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The project id served by the metadata server (<c>/computeMetadata/v1/project/project-id</c>); null
    /// makes it answer 404, as outside GCP a client would get no answer at all.</summary>
    public string? MetadataProjectId { get; init; }

    /// <summary>Whether the metadata server paths (<c>/computeMetadata/v1/…</c>) answer at all.</summary>
    public bool MetadataServerEnabled { get; init; } = true;
}
