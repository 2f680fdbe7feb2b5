namespace ExternalDns.Core.Providers;

/// <summary>
/// A change set that the provider refuses as a whole because it is inconsistent with the records it holds
/// (create of an existing record, delete or update of a missing one). Nothing was applied.
/// </summary>
public class InvalidChangeException : Exception
{
    public InvalidChangeException()
    {
    }

    public InvalidChangeException(string message)
        : base(message)
    {
    }

    public InvalidChangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
