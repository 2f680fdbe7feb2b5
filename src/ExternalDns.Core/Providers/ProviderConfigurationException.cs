namespace ExternalDns.Core.Providers;

/// <summary>
/// A failure that only the user can fix (refused credentials, a zone that does not exist, a TSIG key the server
/// rejects). The message names the zone, key or flag involved and never contains a secret.
/// </summary>
public class ProviderConfigurationException : Exception
{
    public ProviderConfigurationException()
    {
    }

    public ProviderConfigurationException(string message)
        : base(message)
    {
    }

    public ProviderConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
