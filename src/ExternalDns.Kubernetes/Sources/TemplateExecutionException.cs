namespace ExternalDns.Kubernetes.Sources;

/// <summary>An <c>--fqdn-template</c> failed on one object (a function got a bad argument).</summary>
public sealed class TemplateExecutionException : Exception
{
    public TemplateExecutionException()
    {
    }

    public TemplateExecutionException(string message)
        : base(message)
    {
    }

    public TemplateExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
