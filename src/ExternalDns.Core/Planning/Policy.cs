namespace ExternalDns.Core.Planning;

/// <summary>Which kinds of change a plan may contain (<c>--policy</c>).</summary>
public enum Policy
{
    /// <summary><c>sync</c>: create, update and delete.</summary>
    Sync,

    /// <summary><c>upsert-only</c>: create and update; never delete.</summary>
    UpsertOnly,

    /// <summary><c>create-only</c>: only create.</summary>
    CreateOnly,
}
