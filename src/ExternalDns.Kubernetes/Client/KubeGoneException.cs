namespace ExternalDns.Kubernetes.Client;

/// <summary>410 Gone / Expired: the requested resource version has been compacted away; the caller must relist.</summary>
public sealed class KubeGoneException : KubeApiException
{
    public KubeGoneException()
    {
    }

    public KubeGoneException(string message)
        : base(message)
    {
    }

    public KubeGoneException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public KubeGoneException(string message, KubeStatus? status)
        : base(message, 410, status)
    {
    }
}
