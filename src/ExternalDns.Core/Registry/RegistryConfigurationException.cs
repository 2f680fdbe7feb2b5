namespace ExternalDns.Core.Registry;

/// <summary>Invalid registry configuration (for example an empty owner id or a bad AES key); names the flag.</summary>
public class RegistryConfigurationException : Exception
{
    public RegistryConfigurationException()
    {
    }

    public RegistryConfigurationException(string message)
        : base(message)
    {
    }

    public RegistryConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
