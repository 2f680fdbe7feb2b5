namespace ExternalDns.Providers.Google;

/// <summary>What <see cref="GoogleBatcher.ApplyAsync"/> did: the items applied, the groups Cloud DNS rejected (with
/// its message) and the number of change calls.</summary>
internal sealed class GoogleBatchResult
{
    public List<GoogleChangeItem> Applied { get; } = [];

    public List<(IReadOnlyList<GoogleChangeItem> Group, string Error)> Rejected { get; } = [];

    public int Calls { get; set; }
}
