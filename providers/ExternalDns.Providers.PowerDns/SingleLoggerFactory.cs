using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.PowerDns;

/// <summary>A logger factory that hands out one logger for every category (the HTTP stack logs through the provider's logger).</summary>
internal sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("this factory has a single logger");

    public void Dispose()
    {
    }
}
