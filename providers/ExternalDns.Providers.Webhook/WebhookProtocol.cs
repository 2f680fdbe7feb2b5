namespace ExternalDns.Providers.Webhook;

/// <summary>
/// Upstream ExternalDNS's webhook protocol (<c>provider/webhook/api</c>, <c>api/webhook.yaml</c>): the media type both
/// sides exchange and the routes a webhook provider serves.
/// </summary>
public static class WebhookProtocol
{
    /// <summary>Sent in <c>Accept</c> (GET, POST /adjustendpoints) and <c>Content-Type</c> (POST); the negotiation answer must carry exactly this <c>Content-Type</c>.</summary>
    public const string MediaType = "application/external.dns.webhook+json;version=1";

    /// <summary><c>GET /</c>: negotiation; answers the domain filter.</summary>
    public const string NegotiatePath = "/";

    /// <summary><c>GET /records</c>: the current records; <c>POST /records</c>: apply changes (answered 204).</summary>
    public const string RecordsPath = "/records";

    /// <summary><c>POST /adjustendpoints</c>: the provider's canonical form of the desired endpoints.</summary>
    public const string AdjustEndpointsPath = "/adjustendpoints";

    /// <summary>The default of <c>--webhook-provider-max-body-size</c>: 32 MiB (about 60,000 records).</summary>
    public const long DefaultMaxBodySize = 32L << 20;

    /// <summary>Upstream treats 500–510 as transient (a soft error, retried on the next run); every other non-2xx is an error.</summary>
    public static bool IsTransientStatus(int statusCode) => statusCode is >= 500 and <= 510;
}
