using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Providers.Modules;

/// <summary>What the host gives every provider it builds. Providers read the environment only through <see cref="Environment"/>.</summary>
public sealed class ProviderContext
{
    public required ILoggerFactory LoggerFactory { get; init; }

    public required TimeProvider Time { get; init; }

    /// <summary>Environment variable lookup (credentials, endpoints such as <c>AWS_ENDPOINT_URL_ROUTE_53</c>); injected so tests control it.</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The user's domain filter (<c>--domain-filter</c>, <c>--exclude-domains</c>, <c>--regex-domain-*</c>).</summary>
    public required DomainFilter DomainFilter { get; init; }

    public required MetricRegistry Metrics { get; init; }

    /// <summary>
    /// The HTTP handler stack every HTTP provider uses (timeouts, retries with backoff and Retry-After, the per-reconcile
    /// retry budget, TLS settings, request metrics). One per process; the controller resets its budget every reconcile.
    /// </summary>
    public required ProviderHttpFactory Http { get; init; }
}
