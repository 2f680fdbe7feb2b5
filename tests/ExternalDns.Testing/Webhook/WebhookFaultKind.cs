namespace ExternalDns.Testing.Webhook;

/// <summary>How <see cref="WebhookTestServer"/> misbehaves on a matching request.</summary>
public enum WebhookFaultKind
{
    /// <summary>Answers 200 with a Content-Type other than the protocol's media type (and an empty domain filter).</summary>
    WrongMediaType,

    /// <summary>Answers 200 with the right media type and a body that is not JSON.</summary>
    NonJson,

    /// <summary>Answers the given status with a short text body.</summary>
    Status,

    /// <summary>Never answers (until the client gives up or the server stops).</summary>
    Hang,

    /// <summary>Answers 200 and the start of an endpoint list, then sends nothing more (until the client gives up).</summary>
    StallBody,

    /// <summary>Answers 200 with an endpoint list of the given size, streamed without Content-Length.</summary>
    OversizedBody,
}
