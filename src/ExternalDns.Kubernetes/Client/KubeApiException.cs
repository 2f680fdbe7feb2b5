using System.Net;

namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// The API server refused or failed a request. <see cref="Status"/> is the server's Status object when it sent one.
/// <see cref="IsTransient"/> marks throttling, server errors and timeouts (worth retrying later).
/// </summary>
public class KubeApiException : Exception
{
    public KubeApiException()
    {
    }

    public KubeApiException(string message)
        : base(message)
    {
    }

    public KubeApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public KubeApiException(string message, int statusCode, KubeStatus? status, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>HTTP status code, or the Status code of a watch ERROR event; 0 for a connection failure or timeout.</summary>
    public int StatusCode { get; }

    public KubeStatus? Status { get; }

    /// <summary>The Status <c>reason</c> (Conflict, NotFound, Expired, Gone, Forbidden, …), or the HTTP reason phrase.</summary>
    public string? Reason => Status?.Reason;

    public bool IsNotFound => StatusCode == (int)HttpStatusCode.NotFound;

    public bool IsConflict => StatusCode == (int)HttpStatusCode.Conflict;

    public bool IsAlreadyExists => IsConflict && Status?.Reason == "AlreadyExists";

    /// <summary>410 Gone (or reason Expired/Gone): the resource version asked for is too old; relist.</summary>
    public bool IsGone => StatusCode == (int)HttpStatusCode.Gone || Status?.Reason is "Expired" or "Gone";

    public bool IsUnauthorized => StatusCode is (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden;

    /// <summary>429, 5xx, a connection failure or a timeout.</summary>
    public bool IsTransient => StatusCode is 0 or 429 or >= 500;
}
