using ExternalDns.Core.Metrics;

namespace ExternalDns.Providers.Webhook;

/// <summary>
/// Upstream's six <c>external_dns_webhook_provider_*</c> metrics, same names, help and type (gauges that only grow,
/// as upstream registers them): requests and errors of each of Records, ApplyChanges and AdjustEndpoints.
/// </summary>
public sealed class WebhookMetrics
{
    public WebhookMetrics(MetricRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        RecordsErrors = registry.Gauge("external_dns_webhook_provider_records_errors_total", "Errors with Records method");
        RecordsRequests = registry.Gauge("external_dns_webhook_provider_records_requests_total", "Requests with Records method");
        ApplyChangesErrors = registry.Gauge("external_dns_webhook_provider_applychanges_errors_total", "Errors with ApplyChanges method");
        ApplyChangesRequests = registry.Gauge("external_dns_webhook_provider_applychanges_requests_total", "Requests with ApplyChanges method");
        AdjustEndpointsErrors = registry.Gauge("external_dns_webhook_provider_adjustendpoints_errors_total", "Errors with AdjustEndpoints method");
        AdjustEndpointsRequests = registry.Gauge("external_dns_webhook_provider_adjustendpoints_requests_total", "Requests with AdjustEndpoints method");
    }

    public Metric RecordsErrors { get; }

    public Metric RecordsRequests { get; }

    public Metric ApplyChangesErrors { get; }

    public Metric ApplyChangesRequests { get; }

    public Metric AdjustEndpointsErrors { get; }

    public Metric AdjustEndpointsRequests { get; }
}
