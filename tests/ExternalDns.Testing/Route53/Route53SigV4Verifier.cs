using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ExternalDns.Testing.Route53;

/// <summary>
/// Verifies AWS Signature Version 4 as the service does: parses the Authorization header, rebuilds the canonical
/// request from what arrived on the wire (raw path, query, the signed headers, the body hash) and recomputes the
/// signature with the secret key registered for the access key id. Written from the SigV4 documentation, independent
/// of the AWS SDK, so a client that signs differently fails here.
/// </summary>
internal static class Route53SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static Route53AuthFailure? Verify(
        HttpRequest request,
        string rawTarget,
        byte[] body,
        Func<string, (string Secret, string? SessionToken)?> lookup,
        string expectedRegion,
        DateTimeOffset now,
        out string? accessKeyId,
        string service = "route53")
    {
        accessKeyId = null;
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return new Route53AuthFailure("MissingAuthenticationToken", "Missing Authentication Token");
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return new Route53AuthFailure("IncompleteSignature", $"Authorization header requires '{Algorithm}' algorithm.");
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                continue;
            }

            var value = part[(eq + 1)..];
            switch (part[..eq])
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        if (credential is null || signedHeaders is null || signature is null)
        {
            return new Route53AuthFailure("IncompleteSignature", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new Route53AuthFailure("IncompleteSignature", "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
        }

        accessKeyId = scope[0];
        var known = lookup(accessKeyId);
        if (known is null)
        {
            return new Route53AuthFailure("InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        if (known.Value.SessionToken is not null && request.Headers["X-Amz-Security-Token"].ToString() != known.Value.SessionToken)
        {
            return new Route53AuthFailure("InvalidClientTokenId", "The security token included in the request is invalid.");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return new Route53AuthFailure("IncompleteSignature", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (scope[1] != amzDate[..8])
        {
            return new Route53AuthFailure("SignatureDoesNotMatch", $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (scope[2] != expectedRegion)
        {
            return new Route53AuthFailure("SignatureDoesNotMatch", $"Credential should be scoped to a valid region, not '{scope[2]}'. ");
        }

        if (scope[3] != service)
        {
            return new Route53AuthFailure("SignatureDoesNotMatch", $"Credential should be scoped to correct service: '{service}'. ");
        }

        if ((now - signedAt).Duration() > TimeSpan.FromMinutes(5))
        {
            return new Route53AuthFailure("SignatureDoesNotMatch", $"Signature expired: {amzDate} is now earlier than {now.AddMinutes(-5).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)} ({now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)} - 5 min.)");
        }

        var headerNames = signedHeaders.Split(';');
        if (!headerNames.Contains("host"))
        {
            return new Route53AuthFailure("SignatureDoesNotMatch", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var bodyHash = Hex(SHA256.HashData(body));
        var declaredHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declaredHash.Length > 0 && declaredHash != bodyHash)
        {
            return new Route53AuthFailure("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        var q = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var query = q >= 0 ? rawTarget[(q + 1)..] : string.Empty;
        var path = q >= 0 ? rawTarget[..q] : rawTarget;
        var canonical = new StringBuilder();
        canonical.Append(request.Method).Append('\n');
        canonical.Append(CanonicalPath(path)).Append('\n');
        canonical.Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in headerNames)
        {
            var value = name == "host" ? request.Host.Value : string.Join(',', request.Headers[name].Select(v => CollapseSpaces(v ?? string.Empty)));
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(declaredHash.Length > 0 ? declaredHash : bodyHash);

        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope[1]}/{scope[2]}/{scope[3]}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + known.Value.Secret), scope[1]);
        key = Hmac(key, scope[2]);
        key = Hmac(key, scope[3]);
        key = Hmac(key, "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            return new Route53AuthFailure("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }

        return null;
    }

    /// <summary>Each segment of the (already percent-encoded) path is encoded again, as SigV4 does for every service but S3.</summary>
    private static string CanonicalPath(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(s => Encode(s)));
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (rawQuery.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var k = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var v = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
            pairs.Add((Encode(k), Encode(v)));
        }

        return string.Join('&', pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~, upper-case hex.</summary>
    private static string Encode(string value)
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

    private static string CollapseSpaces(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (c == ' ')
            {
                if (!space)
                {
                    sb.Append(c);
                }

                space = true;
            }
            else
            {
                sb.Append(c);
                space = false;
            }
        }

        return sb.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
