namespace ExternalDns.Dns.Client;

/// <summary>
/// The TLS handshake with a DNS-over-TLS server (RFC 7858) failed: its certificate is not trusted or does not name the
/// host, or the server does not speak TLS 1.3. The message names the server.
/// </summary>
public class DnsTlsException : Exception
{
    public DnsTlsException()
    {
    }

    public DnsTlsException(string message)
        : base(message)
    {
    }

    public DnsTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
