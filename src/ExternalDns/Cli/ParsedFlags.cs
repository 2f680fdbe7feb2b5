using ExternalDns.Core.Configuration;
using ExternalDns.Core.Text;
using System.Globalization;

namespace ExternalDns.Cli;

/// <summary>Validated flag values (command line over environment over default), read through typed accessors.</summary>
public sealed class ParsedFlags : IFlagValues
{
    private readonly Dictionary<string, List<string>> _values;

    internal ParsedFlags(Dictionary<string, List<string>> values)
    {
        _values = values;
    }

    /// <summary>True when the flag was given on the command line or in the environment.</summary>
    public bool IsSet(string name) => _values.ContainsKey(name);

    public string String(string name)
    {
        if (_values.TryGetValue(name, out var v))
        {
            return v[^1];
        }

        return Definition(name).Default ?? string.Empty;
    }

    public bool Bool(string name) => FlagParser.ParseBool(String(name)) ?? false;

    public int Int(string name) => int.Parse(String(name), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public TimeSpan Duration(string name) => GoDuration.TryParseFlag(String(name), out var d) ? d : TimeSpan.Zero;

    public IReadOnlyList<string> List(string name)
    {
        if (_values.TryGetValue(name, out var v))
        {
            return v;
        }

        var def = Definition(name).Default;
        return string.IsNullOrEmpty(def) ? [] : FlagParser.DefaultList(def);
    }

    private static FlagDefinition Definition(string name) =>
        FlagCatalog.Find(name) ?? throw new ArgumentException($"no flag --{name} is defined", nameof(name));
}
