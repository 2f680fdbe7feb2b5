using System.Globalization;
using ExternalDns.Core.Configuration;
using ExternalDns.Core.Text;

namespace ExternalDns.Providers.Tests.Aws;

/// <summary>Flag values for module tests: the module's defaults, overridden by what the test sets.</summary>
public sealed class TestFlags(IEnumerable<FlagDefinition> definitions, IReadOnlyDictionary<string, string[]> set) : IFlagValues
{
    private readonly Dictionary<string, string?> _defaults = definitions.ToDictionary(d => d.Name, d => d.Default, StringComparer.Ordinal);

    public bool IsSet(string name) => set.ContainsKey(name);

    public string String(string name) => set.TryGetValue(name, out var v) ? v[^1] : _defaults.GetValueOrDefault(name) ?? string.Empty;

    public bool Bool(string name) => String(name) is var s && s.Length > 0 && bool.Parse(s);

    public int Int(string name) => int.Parse(String(name) is { Length: > 0 } s ? s : "0", CultureInfo.InvariantCulture);

    public TimeSpan Duration(string name) => GoDuration.TryParseFlag(String(name), out var d) ? d : throw new FormatException(name);

    public IReadOnlyList<string> List(string name) => set.TryGetValue(name, out var v) ? v : [];
}
