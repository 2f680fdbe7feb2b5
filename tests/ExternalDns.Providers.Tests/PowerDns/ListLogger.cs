using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Tests.PowerDns;

/// <summary>A logger that keeps every formatted message (all levels), to check what gets logged.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public List<string> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages)
        {
            Messages.Add($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
