namespace ExternalDns.Testing.Webhook;

/// <summary>One request <see cref="WebhookTestServer"/> received: what was sent (headers as sent, body bytes) and what it answered.</summary>
public sealed record WebhookTestRequest(string Method, string Path, string? Accept, string? ContentType, byte[] Body, int Status)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
