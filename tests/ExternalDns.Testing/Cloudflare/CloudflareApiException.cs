namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// An error answer of the emulator: the HTTP status and the <c>errors</c> of the envelope
/// (<c>{"success":false,"errors":[{"code":…,"message":…,"error_chain":[…]}],"messages":[],"result":null}</c>).
/// The codes are the documented ones where Cloudflare documents them (see the factory methods).
/// </summary>
public sealed class CloudflareApiException : Exception
{
    public CloudflareApiException(int status, IReadOnlyList<CloudflareErrorItem> errors)
        : base(errors.Count > 0 ? $"{errors[0].Code}: {errors[0].Message}" : $"HTTP {status}")
    {
        Status = status;
        Errors = errors;
    }

    public CloudflareApiException()
        : this(500, [])
    {
    }

    public CloudflareApiException(string message)
        : this(400, [new CloudflareErrorItem(1004, message)])
    {
    }

    public CloudflareApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Errors = [new CloudflareErrorItem(10000, message)];
    }

    public int Status { get; }

    public IReadOnlyList<CloudflareErrorItem> Errors { get; }

    /// <summary>Codes of the errors and their chains, outermost first.</summary>
    public IEnumerable<int> AllCodes => Errors.SelectMany(e => new[] { e.Code }.Concat(e.Chain?.Select(c => c.Code) ?? []));

    internal static CloudflareApiException Single(int status, int code, string message) => new(status, [new CloudflareErrorItem(code, message)]);

    /// <summary>1004 "DNS Validation Error" with the specific reason in its <c>error_chain</c> (as the API answers a bad record).</summary>
    internal static CloudflareApiException Validation(int chainCode, string message) =>
        new(400, [new CloudflareErrorItem(1004, "DNS Validation Error", [new CloudflareErrorItem(chainCode, message)])]);

    /// <summary>81044: the record id does not exist in the zone.</summary>
    internal static CloudflareApiException RecordNotFound() => Single(404, 81044, "Record does not exist.");

    /// <summary>7003/7000: an identifier in the path that routes nowhere (unknown zone, bad id).</summary>
    internal static CloudflareApiException NoRoute(string path) => new(400,
    [
        new CloudflareErrorItem(7003, $"Could not route to {path}, perhaps your object identifier is invalid?"),
        new CloudflareErrorItem(7000, "No route for that URI"),
    ]);

    /// <summary>10000: a known credential without the permission the endpoint needs, or an unknown API token.</summary>
    internal static CloudflareApiException AuthenticationError() => Single(403, 10000, "Authentication error");

    internal static CloudflareApiException MethodNotAllowed() => Single(405, 10000, "Method not allowed for this endpoint");

    internal static CloudflareApiException BadJson(string detail) => Single(400, 9207, $"Request body is invalid: {detail}");
}
