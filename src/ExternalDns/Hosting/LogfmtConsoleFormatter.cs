using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ExternalDns.Hosting;

/// <summary>
/// Text logs in the shape upstream's logrus prints them (<c>time="…" level=info msg="…"</c>), so log queries and
/// alerts written for upstream keep matching. The time comes from an injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class LogfmtConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "logfmt";

    private readonly TimeProvider _time;

    public LogfmtConsoleFormatter()
        : this(TimeProvider.System)
    {
    }

    public LogfmtConsoleFormatter(TimeProvider time)
        : base(FormatterName)
    {
        _time = time;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? string.Empty;
        textWriter.Write("time=\"");
        textWriter.Write(_time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write("\" level=");
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(" msg=");
        textWriter.Write(Quote(message));
        if (logEntry.Exception is { } ex)
        {
            textWriter.Write(" error=");
            textWriter.Write(Quote(ex.Message));
        }

        textWriter.Write('\n');
    }

    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "fatal",
        _ => "info",
    };
}
