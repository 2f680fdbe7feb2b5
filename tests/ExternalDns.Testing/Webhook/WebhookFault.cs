namespace ExternalDns.Testing.Webhook;

/// <summary>
/// A misbehaviour of <see cref="WebhookTestServer"/> for requests with <see cref="Method"/> and <see cref="Path"/>,
/// for the next <see cref="Times"/> of them (null: every one).
/// </summary>
public sealed record WebhookFault(WebhookFaultKind Kind, string Method, string Path)
{
    public int? Times { get; init; }

    /// <summary>For <see cref="WebhookFaultKind.Status"/>.</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>For <see cref="WebhookFaultKind.WrongMediaType"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>For <see cref="WebhookFaultKind.OversizedBody"/>: bytes of the streamed answer.</summary>
    public long Size { get; init; } = 1 << 20;

    /// <summary>The negotiation answers <paramref name="contentType"/> instead of the protocol's media type.</summary>
    public static WebhookFault WrongMediaType(string contentType = "application/json") =>
        new(WebhookFaultKind.WrongMediaType, "GET", "/") { ContentType = contentType };

    public static WebhookFault NonJson(string method, string path) => new(WebhookFaultKind.NonJson, method, path);

    public static WebhookFault Status(string method, string path, int statusCode, int? times = null) =>
        new(WebhookFaultKind.Status, method, path) { StatusCode = statusCode, Times = times };

    public static WebhookFault Hang(string method, string path) => new(WebhookFaultKind.Hang, method, path);

    public static WebhookFault StallBody(string method, string path) => new(WebhookFaultKind.StallBody, method, path);

    public static WebhookFault Oversized(string method, string path, long size) => new(WebhookFaultKind.OversizedBody, method, path) { Size = size };
}
