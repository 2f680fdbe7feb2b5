namespace ExternalDns.Testing.Google;

/// <summary>An injected failure: the next <see cref="Remaining"/> matching calls answer <see cref="Status"/> with a
/// Google error body carrying <see cref="Reason"/>.</summary>
internal sealed class CloudDnsFault
{
    public CloudDnsFault(int remaining, int status, string reason, string? operation, TimeSpan? retryAfter)
    {
        Remaining = remaining;
        Status = status;
        Reason = reason;
        Operation = operation;
        RetryAfter = retryAfter;
    }

    public int Remaining { get; set; }

    public int Status { get; }

    public string Reason { get; }

    /// <summary>Only calls of this operation (for example <c>changes.create</c>); null for every Cloud DNS API call.</summary>
    public string? Operation { get; }

    public TimeSpan? RetryAfter { get; }
}
