using ExternalDns.Core.Metrics;

namespace ExternalDns.Core.Providers.Http;

/// <summary>The metric families the handler stack records, one observation per attempt.</summary>
internal sealed class ProviderHttpMetrics
{
    /// <summary>Upstream's instrumented HTTP client metric (pkg/http/http.go): same name, help, labels and objectives.</summary>
    public const string RequestDurationName = "external_dns_http_request_duration_seconds";

    public const string ApiCallsName = "external_dns_provider_api_calls_total";

    public ProviderHttpMetrics(MetricRegistry registry)
    {
        RequestDuration = registry.Summary(
            RequestDurationName,
            "The HTTP request latencies in seconds.",
            ["scheme", "host", "path", "method", "status"],
            new Dictionary<string, string> { ["handler"] = "instrumented_http" });
        ApiCalls = registry.Counter(
            ApiCallsName,
            "Provider API calls (each HTTP attempt, retries included) by provider, operation and outcome: success, client_error, throttled, server_error, network_error, timeout (ExternalDns).",
            ["provider", "operation", "outcome"]);
    }

    public Summary RequestDuration { get; }

    public Metric ApiCalls { get; }
}
