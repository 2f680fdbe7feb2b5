namespace ExternalDns.Testing.Google;

/// <summary>Names of the calls the emulator counts (<see cref="CloudDnsEmulator.Calls"/>) and can fail
/// (<see cref="CloudDnsEmulator.FailNext"/>).</summary>
public static class CloudDnsOperations
{
    public const string ManagedZonesList = "managedZones.list";
    public const string ManagedZonesGet = "managedZones.get";
    public const string ResourceRecordSetsList = "resourceRecordSets.list";
    public const string ChangesCreate = "changes.create";
    public const string ChangesGet = "changes.get";

    /// <summary>POST to the OAuth2 token endpoint (the service-account JWT-bearer grant).</summary>
    public const string Token = "oauth2.token";

    /// <summary>POST to the security token service (workload identity federation token exchange).</summary>
    public const string StsToken = "sts.token";

    /// <summary>GET of the metadata server's default service account token.</summary>
    public const string MetadataToken = "metadata.token";

    /// <summary>GET of the metadata server's project id.</summary>
    public const string MetadataProjectId = "metadata.projectId";

    /// <summary>True for the Cloud DNS API calls (not the token endpoint or the metadata server).</summary>
    public static bool IsDnsApi(string operation) =>
        operation is ManagedZonesList or ManagedZonesGet or ResourceRecordSetsList or ChangesCreate or ChangesGet;
}
