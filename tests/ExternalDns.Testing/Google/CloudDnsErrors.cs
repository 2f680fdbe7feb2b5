using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Google;

/// <summary>Google API error bodies: <c>{"error":{"code","message","errors":[{"domain","reason","message"}],"status"}}</c>.</summary>
internal static class CloudDnsErrors
{
    public static JsonObject Body(int code, string reason, string message, string domain = "global", string? location = null, string? locationType = null)
    {
        var item = new JsonObject { ["domain"] = domain, ["reason"] = reason, ["message"] = message };
        if (location is not null)
        {
            item["locationType"] = locationType ?? "other";
            item["location"] = location;
        }

        return new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["errors"] = new JsonArray(item),
                ["status"] = Status(code),
            },
        };
    }

    private static string Status(int code) => code switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        412 => "FAILED_PRECONDITION",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ when code >= 500 => "INTERNAL",
        _ => "UNKNOWN",
    };
}
