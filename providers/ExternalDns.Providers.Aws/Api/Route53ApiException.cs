namespace ExternalDns.Providers.Aws.Api;

/// <summary>An error answer from Route53 that is neither transient, nor about credentials, nor a rejected change batch.</summary>
public class Route53ApiException : Exception
{
    public Route53ApiException()
    {
    }

    public Route53ApiException(string message)
        : base(message)
    {
    }

    public Route53ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Route53ApiException(int statusCode, string code, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
    }

    public int StatusCode { get; }

    public string Code { get; } = string.Empty;
}
