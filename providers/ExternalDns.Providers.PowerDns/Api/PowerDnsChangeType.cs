namespace ExternalDns.Providers.PowerDns.Api;

/// <summary>The <c>changetype</c> values of an rrset in a PATCH.</summary>
public static class PowerDnsChangeType
{
    /// <summary>Creates or replaces the whole rrset (records and TTL).</summary>
    public const string Replace = "REPLACE";

    /// <summary>Deletes the rrset.</summary>
    public const string Delete = "DELETE";
}
