namespace ExternalDns.Core.Configuration;

/// <summary>A bad command line: unknown flag, invalid value, missing required flag. Exit code 2.</summary>
public sealed class FlagException : Exception
{
    public FlagException()
    {
    }

    public FlagException(string message)
        : base(message)
    {
    }

    public FlagException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
