using Microsoft.Extensions.Logging;

namespace ExternalDns.Hosting;

/// <summary>Maps upstream's --log-level names onto Microsoft.Extensions.Logging levels.</summary>
public static class LogLevels
{
    public static LogLevel Parse(string level) => level switch
    {
        "panic" or "fatal" => LogLevel.Critical,
        "error" => LogLevel.Error,
        "warning" or "warn" => LogLevel.Warning,
        "debug" => LogLevel.Debug,
        "trace" => LogLevel.Trace,
        _ => LogLevel.Information,
    };
}
