namespace ExternalDns.Kubernetes.Client;

/// <summary>409 Conflict: an update carried a stale <c>resourceVersion</c>, or a create found the object already there.</summary>
public sealed class KubeConflictException : KubeApiException
{
    public KubeConflictException()
    {
    }

    public KubeConflictException(string message)
        : base(message)
    {
    }

    public KubeConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public KubeConflictException(string message, KubeStatus? status)
        : base(message, 409, status)
    {
    }
}
