namespace ExternalDns.Providers.PowerDns;

/// <summary>
/// PowerDNS refused a request in a way that is neither transient nor a configuration error: the server rejected a
/// change (HTTP 422, for example a CNAME that conflicts with an existing rrset), or a zone vanished after it was
/// listed (HTTP 404). The message carries the server's own text. The reconcile fails and is retried on the next run.
/// </summary>
public class PowerDnsApiException : Exception
{
    public PowerDnsApiException()
    {
    }

    public PowerDnsApiException(string message)
        : base(message)
    {
    }

    public PowerDnsApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PowerDnsApiException(string message, int statusCode, string? serverMessage, string? zone)
        : base(message)
    {
        StatusCode = statusCode;
        ServerMessage = serverMessage;
        Zone = zone;
    }

    /// <summary>The HTTP status code of the refusal.</summary>
    public int StatusCode { get; }

    /// <summary>The server's error text (the JSON <c>error</c> field, or the plain body).</summary>
    public string? ServerMessage { get; }

    /// <summary>The zone the request was about (with trailing dot), when there is one.</summary>
    public string? Zone { get; }
}
