namespace ExternalDns.Providers.Azure;

/// <summary>ARM refused a request (a 4xx other than 401, 403 and 429): its status, error code and message.</summary>
public sealed class AzureApiException : Exception
{
    public AzureApiException()
    {
    }

    public AzureApiException(string message)
        : base(message)
    {
    }

    public AzureApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AzureApiException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; } = string.Empty;

    /// <summary>412: the etag sent in If-Match (or If-None-Match: *) no longer matches.</summary>
    public bool IsPreconditionFailed => Status == 412;
}
