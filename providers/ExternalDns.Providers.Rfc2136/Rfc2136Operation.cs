namespace ExternalDns.Providers.Rfc2136;

/// <summary>The two kinds of work whose host rotation and failover are tracked apart (as upstream): transfers and updates.</summary>
public enum Rfc2136Operation
{
    /// <summary>A zone transfer (AXFR): reading records.</summary>
    Transfer,

    /// <summary>An UPDATE message: writing records.</summary>
    Update,
}
