using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>The shared HTTP stack over a fake innermost handler, with no jitter (so backoff waits are exact).</summary>
public static class PowerDnsTestHttp
{
    public static ProviderHttpFactory Factory(HttpMessageHandler handler, TimeProvider time, ILoggerFactory? loggers = null, MetricRegistry? metrics = null) =>
        new(metrics ?? new MetricRegistry(time), time, loggers ?? NullLoggerFactory.Instance, () => handler) { Jitter = () => 0 };
}
