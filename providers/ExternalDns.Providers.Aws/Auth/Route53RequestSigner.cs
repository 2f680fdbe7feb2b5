using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace ExternalDns.Providers.Aws.Auth;

/// <summary>
/// Signs a Route53 request with AWS Signature Version 4: the canonical request is built here (method, path with each
/// segment encoded, sorted query, host/x-amz-date/x-amz-security-token, body hash), the signature by AWSSDK.Core's
/// <see cref="AWS4Signer"/>.
/// </summary>
internal static class Route53RequestSigner
{
    public const string Service = "route53";

    public static void Sign(
        HttpRequestMessage request,
        IReadOnlyList<KeyValuePair<string, string>> query,
        byte[] body,
        ImmutableCredentials credentials,
        string region,
        DateTimeOffset now)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("request has no URI", nameof(request));
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}",
            ["x-amz-date"] = amzDate,
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        var canonical = new StringBuilder(256);
        canonical.Append(request.Method.Method).Append('\n');
        canonical.Append(string.Join('/', uri.AbsolutePath.Split('/').Select(Encode))).Append('\n');
        canonical.Append(string.Join('&', query
            .Select(kv => (Key: Encode(kv.Key), Value: Encode(kv.Value)))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ThenBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(kv => kv.Key + "=" + kv.Value))).Append('\n');
        foreach (var (name, value) in headers)
        {
            canonical.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        var signedHeaders = string.Join(';', headers.Keys);
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));

        var result = AWS4Signer.ComputeSignature(credentials, region, now.UtcDateTime, Service, signedHeaders, canonical.ToString());
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>RFC 3986 percent-encoding of everything but the unreserved characters, upper-case hex (as SigV4 requires).</summary>
    internal static string Encode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
