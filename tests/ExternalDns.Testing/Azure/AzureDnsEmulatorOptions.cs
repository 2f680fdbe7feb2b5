namespace ExternalDns.Testing.Azure;

/// <summary>Identity and limits of an <see cref="AzureDnsEmulator"/>. Defaults are made-up but well-formed values.</summary>
public sealed class AzureDnsEmulatorOptions
{
    public string TenantId { get; init; } = "72f988bf-0000-4000-8000-00000000aaaa";

    public string SubscriptionId { get; init; } = "11111111-2222-4333-8444-555555555555";

    /// <summary>A registered application (service principal) allowed to use the client credentials flow.</summary>
    public string ClientId { get; init; } = "0a1b2c3d-0000-4000-8000-0000000000c1";

    /// <summary>The secret of <see cref="ClientId"/>.</summary>
    public string ClientSecret { get; init; } = "emulator-client-secret-Zx9~q";

    /// <summary>The client id of the user-assigned managed identity the managed identity endpoint issues tokens for.</summary>
    public string ManagedIdentityClientId { get; init; } = "0a1b2c3d-0000-4000-8000-0000000000d2";

    /// <summary>The value the App Service managed identity endpoint expects in <c>X-IDENTITY-HEADER</c>.</summary>
    public string ManagedIdentityHeader { get; init; } = "emulator-identity-header";

    /// <summary>The audience ARM accepts (a token for any other audience gets 401 InvalidAuthenticationTokenAudience).</summary>
    public string Audience { get; init; } = "https://management.core.windows.net/";

    /// <summary>Lifetime of issued access tokens.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Page size when the request has no <c>$top</c> (ARM DNS: 100).</summary>
    public int DefaultPageSize { get; init; } = 100;

    /// <summary>Record sets allowed in a public zone (Azure's default limit: 10,000).</summary>
    public int MaxRecordSetsPublic { get; init; } = 10_000;

    /// <summary>Record sets allowed in a private zone (Azure's default limit: 25,000).</summary>
    public int MaxRecordSetsPrivate { get; init; } = 25_000;

    /// <summary>Records (values) allowed in one public record set (Azure: 20).</summary>
    public int MaxRecordsPerRecordSet { get; init; } = 20;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
