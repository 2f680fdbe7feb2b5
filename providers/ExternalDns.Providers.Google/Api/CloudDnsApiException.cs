namespace ExternalDns.Providers.Google.Api;

/// <summary>
/// Cloud DNS refused a request with a client error that is neither throttling nor a credential problem: a rejected
/// change (400 <c>invalid</c>, 404 <c>notFound</c>, 409 <c>alreadyExists</c>, 412 <c>conditionNotMet</c>), a zone that
/// vanished. The message is Google's, which names the offending element (<c>entity.change.deletions[3]</c>).
/// </summary>
public sealed class CloudDnsApiException : Exception
{
    public CloudDnsApiException()
    {
    }

    public CloudDnsApiException(string message)
        : base(message)
    {
    }

    public CloudDnsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CloudDnsApiException(string message, int statusCode, string? reason, string? operation)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
        Operation = operation;
    }

    public int StatusCode { get; }

    /// <summary>Google's <c>error.errors[0].reason</c>.</summary>
    public string? Reason { get; }

    /// <summary>The API call (<c>changes.create</c>, …).</summary>
    public string? Operation { get; }

    /// <summary>True for a change Cloud DNS refused as inconsistent or invalid (nothing of it was applied).</summary>
    public bool IsRejectedChange => Operation == CloudDnsApiClient.ChangesCreate && StatusCode is 400 or 404 or 409 or 412;
}
