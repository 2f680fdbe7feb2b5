namespace ExternalDns.Testing.Route53;

/// <summary>An injected failure, answered with the status and error body Route53 uses for it.</summary>
public enum Route53FaultKind
{
    /// <summary>400, code <c>Throttling</c>, "Rate exceeded".</summary>
    Throttling,

    /// <summary>400, code <c>PriorRequestNotComplete</c>.</summary>
    PriorRequestNotComplete,

    /// <summary>500, code <c>InternalFailure</c>.</summary>
    InternalError,

    /// <summary>503, code <c>ServiceUnavailable</c>.</summary>
    ServiceUnavailable,
}
