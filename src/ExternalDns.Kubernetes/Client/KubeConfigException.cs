namespace ExternalDns.Kubernetes.Client;

/// <summary>
/// The Kubernetes client configuration is unusable: the message names the file, context, cluster, user or credential
/// that is wrong, and never contains a token, key or password.
/// </summary>
public class KubeConfigException : Exception
{
    public KubeConfigException()
    {
    }

    public KubeConfigException(string message)
        : base(message)
    {
    }

    public KubeConfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
