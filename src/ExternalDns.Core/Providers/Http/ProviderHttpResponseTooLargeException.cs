namespace ExternalDns.Core.Providers.Http;

/// <summary>An answer body larger than <see cref="ProviderHttpOptions.MaxResponseBytes"/>: not retried, never read into memory past the limit.</summary>
public class ProviderHttpResponseTooLargeException : Exception
{
    public ProviderHttpResponseTooLargeException()
    {
    }

    public ProviderHttpResponseTooLargeException(string message)
        : base(message)
    {
    }

    public ProviderHttpResponseTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProviderHttpResponseTooLargeException(string message, int statusCode, long limit)
        : base(message)
    {
        StatusCode = statusCode;
        Limit = limit;
    }

    /// <summary>The status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }
}
