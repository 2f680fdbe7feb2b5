namespace ExternalDns.Providers.Webhook;

/// <summary>Thrown by <see cref="BoundedReadStream"/> on the first byte past the limit.</summary>
public sealed class BodyTooLargeException : IOException
{
    public BodyTooLargeException()
        : base("the body is larger than --webhook-provider-max-body-size")
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
