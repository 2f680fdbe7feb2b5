namespace ExternalDns.Testing.Route53;

/// <summary>Why a request was refused (403): AWS's error code and message.</summary>
internal sealed record Route53AuthFailure(string Code, string Message);
