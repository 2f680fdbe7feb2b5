namespace ExternalDns.Core.Providers;

/// <summary>
/// A transient provider failure (upstream's <c>SoftError</c>): throttling, timeouts, 5xx, a server that does not
/// answer. The loop logs it, counts it and retries on the next run; it never stops the process.
/// </summary>
public class ProviderTransientException : Exception
{
    public ProviderTransientException()
    {
    }

    public ProviderTransientException(string message)
        : base(message)
    {
    }

    public ProviderTransientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
