using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Tests.Watching;

/// <summary>A logger factory that keeps every formatted entry of every category, for assertions.</summary>
internal sealed class ListLoggerFactory : ILoggerFactory
{
    private readonly List<(LogLevel Level, string Category, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public int Count(LogLevel level, string fragment) => Entries.Count(e => e.Level == level && e.Message.Contains(fragment, StringComparison.Ordinal));

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (factory._entries)
            {
                factory._entries.Add((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
