namespace ExternalDns.Core.Planning;

/// <summary>The upstream spellings of <see cref="Policy"/> values.</summary>
public static class PolicyNames
{
    public static IReadOnlyList<string> All { get; } = ["sync", "upsert-only", "create-only"];

    public static bool TryParse(string? value, out Policy policy)
    {
        switch (value)
        {
            case "sync":
                policy = Policy.Sync;
                return true;
            case "upsert-only":
                policy = Policy.UpsertOnly;
                return true;
            case "create-only":
                policy = Policy.CreateOnly;
                return true;
            default:
                policy = Policy.Sync;
                return false;
        }
    }

    public static string ToName(this Policy policy) => policy switch
    {
        Policy.Sync => "sync",
        Policy.UpsertOnly => "upsert-only",
        Policy.CreateOnly => "create-only",
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    /// <summary>Drops what the policy does not allow, as upstream's <c>Policy.Apply</c>.</summary>
    public static void Apply(this Policy policy, Changes changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (policy is Policy.UpsertOnly or Policy.CreateOnly)
        {
            changes.Delete.Clear();
        }

        if (policy is Policy.CreateOnly)
        {
            changes.UpdateOld.Clear();
            changes.UpdateNew.Clear();
        }
    }
}
