using ExternalDns.Dns.Messages;

namespace ExternalDns.Dns.Tsig;

/// <summary>
/// A TSIG failure: the server reported BADSIG/BADKEY/BADTIME (with its RCODE, usually NOTAUTH), or a response did
/// not verify locally (wrong MAC, unsigned, signed with another key, time outside the fudge).
/// </summary>
public class DnsTsigException : Exception
{
    public DnsTsigException()
    {
    }

    public DnsTsigException(string message)
        : base(message)
    {
    }

    public DnsTsigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DnsTsigException(string message, TsigError error, DnsResponseCode? responseCode = null, bool reportedByServer = false)
        : base(message)
    {
        Error = error;
        ResponseCode = responseCode;
        ReportedByServer = reportedByServer;
    }

    public TsigError Error { get; }

    /// <summary>The response's RCODE when the error came in a response.</summary>
    public DnsResponseCode? ResponseCode { get; }

    /// <summary>True when the server rejected our signature; false when we rejected the server's response.</summary>
    public bool ReportedByServer { get; }
}
