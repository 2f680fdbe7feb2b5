using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Google;

/// <summary>
/// Checks a JWT-bearer assertion (RFC 7523) as Google's token endpoint does for a service account: RS256 signature by a
/// registered key of the issuer (<c>iss</c> = the client email), <c>aud</c> = Google's token endpoint (or the emulator's own URL), <c>iat</c>/<c>exp</c>
/// at most an hour apart and around now, a <c>scope</c>.
/// </summary>
internal static class GoogleJwtAssertion
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>Returns null when valid (with the issuer and scopes), else the <c>error_description</c>.</summary>
    public static string? Validate(string assertion, Func<string, RSA?> keyFor, IReadOnlyCollection<string> audiences, DateTimeOffset now, out string issuer, out string[] scopes)
    {
        issuer = string.Empty;
        scopes = [];
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "Invalid JWT: not three dot-separated parts.";
        }

        JsonObject header;
        JsonObject payload;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url(parts[0])) as JsonObject ?? throw new FormatException("header");
            payload = JsonNode.Parse(Base64Url(parts[1])) as JsonObject ?? throw new FormatException("payload");
            signature = Base64Url(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return "Invalid JWT: cannot be decoded.";
        }

        if (header["alg"]?.GetValue<string>() != "RS256")
        {
            return "Invalid JWT: the algorithm must be RS256.";
        }

        issuer = payload["iss"]?.GetValue<string>() ?? string.Empty;
        var key = keyFor(issuer);
        if (key is null)
        {
            return "Invalid grant: account not found";
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "Invalid JWT Signature.";
        }

        var audience = payload["aud"]?.GetValue<string>();
        if (audience is null || !audiences.Contains(audience))
        {
            return $"Invalid JWT: the audience '{audience}' is not one of {string.Join(", ", audiences)}.";
        }

        var iat = payload["iat"]?.GetValue<long>();
        var exp = payload["exp"]?.GetValue<long>();
        if (iat is null || exp is null)
        {
            return "Invalid JWT: iat and exp are required.";
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(iat.Value);
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp.Value);
        if (expires <= issued || expires - issued > TimeSpan.FromHours(1) || issued > now + Skew || expires < now - Skew)
        {
            return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.";
        }

        scopes = (payload["scope"]?.GetValue<string>() ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return null;
    }

    private static byte[] Base64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }
}
