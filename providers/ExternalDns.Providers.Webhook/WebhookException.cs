namespace ExternalDns.Providers.Webhook;

/// <summary>
/// The webhook answered something the protocol does not allow (a status other than 2xx and 500–510, a body that is
/// not JSON, a body over <c>--webhook-provider-max-body-size</c>). The run fails and is retried on the next interval; the
/// message names the webhook URL, the request and what was wrong.
/// </summary>
public class WebhookException : Exception
{
    public WebhookException()
    {
    }

    public WebhookException(string message)
        : base(message)
    {
    }

    public WebhookException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
