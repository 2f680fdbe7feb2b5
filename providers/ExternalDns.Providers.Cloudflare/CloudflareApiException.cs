using ExternalDns.Providers.Cloudflare.Api;

namespace ExternalDns.Providers.Cloudflare;

/// <summary>
/// The API refused a request for a reason that is neither the credentials nor a transient failure (HTTP 4xx): an
/// invalid record (1004 and its chain), a duplicate (81058), an unknown record (81044) or zone (7003).
/// </summary>
public class CloudflareApiException : Exception
{
    public CloudflareApiException()
    {
    }

    public CloudflareApiException(string message)
        : base(message)
    {
    }

    public CloudflareApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CloudflareApiException(string message, int status, IReadOnlyList<CloudflareError> errors)
        : base(message)
    {
        Status = status;
        Errors = errors;
    }

    public int Status { get; }

    public IReadOnlyList<CloudflareError> Errors { get; } = [];

    /// <summary>The error codes, outer ones first, then their chains.</summary>
    public IEnumerable<int> Codes => Errors.SelectMany(e => new[] { e.Code }.Concat(e.ErrorChain?.Select(c => c.Code) ?? []));

    /// <summary>The most specific reason: the last chained error, else the first error.</summary>
    public string Reason
    {
        get
        {
            if (Errors.Count == 0)
            {
                return Message;
            }

            var first = Errors[0];

            var specific = first.ErrorChain is { Count: > 0 } chain ? chain[^1] : first;
            return $"{specific.Message} ({specific.Code})";
        }
    }
}
