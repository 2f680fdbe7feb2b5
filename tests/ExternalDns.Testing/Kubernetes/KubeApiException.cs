namespace ExternalDns.Testing.Kubernetes;

/// <summary>An API error answered as a Kubernetes <c>Status</c> object (see <see cref="KubeStatus"/>).</summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException()
        : this(500, "InternalError", "internal error")
    {
    }

    public KubeApiException(string message)
        : this(500, "InternalError", message)
    {
    }

    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = 500;
        Reason = "InternalError";
    }

    public KubeApiException(int code, string reason, string message, string? name = null, string? kind = null, string? group = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        DetailsName = name;
        DetailsKind = kind;
        DetailsGroup = group;
    }

    public int Code { get; }

    public string Reason { get; }

    public string? DetailsName { get; }

    public string? DetailsKind { get; }

    public string? DetailsGroup { get; }

    public static KubeApiException NotFound(KubeResourceType type, string name) =>
        new(404, "NotFound", $"{type.Key} \"{name}\" not found", name, type.Plural, type.Group);

    public static KubeApiException AlreadyExists(KubeResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.Key} \"{name}\" already exists", name, type.Plural, type.Group);

    public static KubeApiException Conflict(KubeResourceType type, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.Key} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", name, type.Plural, type.Group);

    public static KubeApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeApiException Invalid(KubeResourceType type, string name, string message) =>
        new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {message}", name, type.Kind, type.Group);

    public static KubeApiException Expired(string message) => new(410, "Expired", message);

    public static KubeApiException Gone(string message) => new(410, "Gone", message);
}
