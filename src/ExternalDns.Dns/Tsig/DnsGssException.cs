namespace ExternalDns.Dns.Tsig;

/// <summary>
/// GSS-TSIG could not be set up: the GSS-API library refused (unknown user, wrong password, no such service principal,
/// KDC unreachable: <see cref="Status"/>), or the server refused the TKEY negotiation (<see cref="ServerError"/>).
/// The message names the user and the service principal, never the password.
/// </summary>
public class DnsGssException : Exception
{
    public DnsGssException()
    {
    }

    public DnsGssException(string message)
        : base(message)
    {
    }

    public DnsGssException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DnsGssException(string message, string status, bool credentialProblem)
        : base(message)
    {
        Status = status;
        IsCredentialProblem = credentialProblem;
    }

    /// <summary>The GSS-API status (<c>NegotiateAuthenticationStatusCode</c>) or the server's TKEY/RCODE error.</summary>
    public string? Status { get; }

    /// <summary>True when only the user can fix it: credentials, principal, the server's key table or policy.</summary>
    public bool IsCredentialProblem { get; }
}
