using ExternalDns.Core.Providers;

namespace ExternalDns.Providers.Aws.Api;

/// <summary>Route53 refused a change batch as a whole (InvalidChangeBatch): nothing of it was applied. One message per problem.</summary>
public class InvalidChangeBatchException : InvalidChangeException
{
    public InvalidChangeBatchException()
    {
    }

    public InvalidChangeBatchException(string message)
        : base(message)
    {
        Messages = [message];
    }

    public InvalidChangeBatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Messages = [message];
    }

    public InvalidChangeBatchException(IReadOnlyList<string> messages)
        : base(string.Join("; ", messages))
    {
        Messages = messages;
    }

    public IReadOnlyList<string> Messages { get; } = [];
}
