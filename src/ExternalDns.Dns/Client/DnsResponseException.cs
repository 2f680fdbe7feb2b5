using ExternalDns.Dns.Messages;

namespace ExternalDns.Dns.Client;

/// <summary>A server answered with an error RCODE where the operation cannot continue (for example a refused AXFR).</summary>
public class DnsResponseException : Exception
{
    public DnsResponseException()
    {
    }

    public DnsResponseException(string message)
        : base(message)
    {
    }

    public DnsResponseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DnsResponseException(string message, DnsResponseCode responseCode)
        : base(message)
    {
        ResponseCode = responseCode;
    }

    public DnsResponseCode ResponseCode { get; }
}
