using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>Builds <c>meta/v1 Status</c> objects, the body of every API error and of watch ERROR events.</summary>
public static class KubeStatus
{
    public static JsonObject Failure(int code, string reason, string message, string? name = null, string? kind = null, string? group = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (name is not null || kind is not null)
        {
            var details = new JsonObject();
            if (name is not null)
            {
                details["name"] = name;
            }

            if (!string.IsNullOrEmpty(group))
            {
                details["group"] = group;
            }

            if (kind is not null)
            {
                details["kind"] = kind;
            }

            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    public static JsonObject From(KubeApiException exception) =>
        Failure(exception.Code, exception.Reason, exception.Message, exception.DetailsName, exception.DetailsKind, exception.DetailsGroup);

    public static JsonObject Success(string? name = null, string? kind = null, string? group = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
        };
        if (name is not null)
        {
            status["details"] = new JsonObject { ["name"] = name, ["group"] = group ?? string.Empty, ["kind"] = kind };
        }

        return status;
    }

    /// <summary>The reason the real server uses for an HTTP status code with no more specific reason.</summary>
    public static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Gone",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };
}
