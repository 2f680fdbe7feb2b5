namespace ExternalDns.Dns;

/// <summary>
/// A DNS message (or a part of one) that cannot be decoded: truncated data, a bad compression pointer, a label
/// or name that is too long, record data that does not match its length. Decoders throw only this type for bad input.
/// </summary>
public class DnsFormatException : Exception
{
    public DnsFormatException()
    {
    }

    public DnsFormatException(string message)
        : base(message)
    {
    }

    public DnsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
