using Microsoft.Extensions.Logging;

namespace ExternalDns.Testing;

/// <summary>A logger factory that keeps every entry (all levels, all categories) for assertions. Thread-safe.</summary>
public sealed class ListLoggerFactory : ILoggerFactory
{
    private readonly List<(string Category, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Every message, formatted, with the exception's text appended when there is one.</summary>
    public IReadOnlyList<string> Messages => [.. Entries.Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class ListLogger(ListLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var message = exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception}";
            lock (owner._entries)
            {
                owner._entries.Add((category, logLevel, message));
            }
        }
    }
}
