using System.Globalization;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>How <see cref="FqdnTemplate"/> prints values and decides truth (as Go's <c>text/template</c> does).</summary>
internal static class TemplateValues
{
    public static string Print(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, string> m => "map[" + string.Join(' ', m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}")) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        bool b => b,
        long l => l != 0,
        IReadOnlyDictionary<string, string> m => m.Count > 0,
        _ => true,
    };
}
