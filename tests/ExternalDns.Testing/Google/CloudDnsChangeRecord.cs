namespace ExternalDns.Testing.Google;

/// <summary>A change accepted by the emulator: what it added and deleted, and how many more polls it stays pending.</summary>
internal sealed class CloudDnsChangeRecord
{
    public CloudDnsChangeRecord(string id, DateTimeOffset started, IReadOnlyList<CloudDnsRecordSet> additions, IReadOnlyList<CloudDnsRecordSet> deletions, int pollsUntilDone)
    {
        Id = id;
        Started = started;
        Additions = additions;
        Deletions = deletions;
        PollsUntilDone = pollsUntilDone;
    }

    public string Id { get; }

    public DateTimeOffset Started { get; }

    public IReadOnlyList<CloudDnsRecordSet> Additions { get; }

    public IReadOnlyList<CloudDnsRecordSet> Deletions { get; }

    public int PollsUntilDone { get; set; }

    public string Status => PollsUntilDone > 0 ? "pending" : "done";
}
