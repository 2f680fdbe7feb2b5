using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Tests.Cloudflare;

/// <summary>A logger factory that keeps every message (all levels, exceptions included) for assertions.</summary>
public sealed class CloudflareTestLogs : ILoggerFactory, ILoggerProvider
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public string All => string.Join('\n', Messages);

    public IEnumerable<string> Warnings => Messages.Where(m => m.StartsWith("Warning", StringComparison.Ordinal));

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CloudflareTestLogs logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (logs._messages)
            {
                logs._messages.Add($"{logLevel}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
