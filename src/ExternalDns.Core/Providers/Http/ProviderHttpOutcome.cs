namespace ExternalDns.Core.Providers.Http;

/// <summary>Values of the <c>outcome</c> label of <c>external_dns_provider_api_calls_total</c>.</summary>
public static class ProviderHttpOutcome
{
    public const string Success = "success";
    public const string ClientError = "client_error";
    public const string Throttled = "throttled";
    public const string ServerError = "server_error";
    public const string NetworkError = "network_error";
    public const string Timeout = "timeout";

    /// <summary>The outcome of an answer with this status code.</summary>
    public static string FromStatus(int statusCode) => statusCode switch
    {
        429 => Throttled,
        >= 500 => ServerError,
        >= 400 => ClientError,
        _ => Success,
    };
}
