using Microsoft.Extensions.Logging;

namespace ExternalDns.Testing;

/// <summary>A logger that keeps every entry (all levels), to check what gets logged — and what never does.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<(LogLevel Level, string Message)> _entries = [];

    /// <summary>The formatted entries, level by level.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Each entry as "Level: message exception", exception text included (secrets must not appear there either).</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    private readonly List<string> _messages = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        lock (_lock)
        {
            _entries.Add((logLevel, message));
            _messages.Add($"{logLevel}: {message} {exception}");
        }
    }
}
