using ExternalDns.Core.Configuration;
using ExternalDns.Core.Text;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ExternalDns.Cli;

/// <summary>
/// Parses the command line as upstream's kingpin does: <c>--name=value</c> or <c>--name value</c>; booleans as
/// <c>--name</c>, <c>--no-name</c> or <c>--name=false</c>; repeatable flags repeated and/or comma-separated. Every flag can
/// also come from <c>EXTERNAL_DNS_&lt;NAME&gt;</c>; the command line wins. Each error names the flag (never a secret value).
/// </summary>
public static class FlagParser
{
    public static ParsedFlags Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h")
            {
                arg = "--help";
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new FlagException($"unexpected argument '{arg}' (flags start with --; see --help)");
            }

            var body = arg[2..];
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? body : body[..eq];
            string? value = eq < 0 ? null : body[(eq + 1)..];

            var def = FlagCatalog.Find(name);
            if (def is null && name.StartsWith("no-", StringComparison.Ordinal) && FlagCatalog.Find(name[3..]) is { Kind: FlagKind.Bool } negated)
            {
                if (value is not null)
                {
                    throw new FlagException($"--{name}: takes no value");
                }

                def = negated;
                value = "false";
            }

            if (def is null)
            {
                throw new FlagException($"unknown flag --{name}");
            }

            if (def.Kind == FlagKind.Bool)
            {
                value ??= "true";
            }
            else if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    throw new FlagException($"--{name}: expected a value");
                }

                value = args[++i];
            }

            Add(values, def, value, $"--{name}");
        }

        foreach (var def in FlagCatalog.All)
        {
            var target = def.AliasOf ?? def.Name;
            if (values.ContainsKey(target))
            {
                continue;
            }

            var env = environment(def.EnvironmentVariable);
            if (env is null)
            {
                continue;
            }

            if (def.IsRepeatable)
            {
                foreach (var item in env.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    Add(values, def, item, def.EnvironmentVariable);
                }
            }
            else
            {
                Add(values, def, env, def.EnvironmentVariable);
            }
        }

        return new ParsedFlags(values);
    }

    public static bool? ParseBool(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "t" => true,
        "false" or "0" or "no" or "f" or "" => false,
        _ => null,
    };

    public static List<string> SplitList(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static void Add(Dictionary<string, List<string>> values, FlagDefinition def, string value, string origin)
    {
        var canonical = def.AliasOf is null ? def : FlagCatalog.Find(def.AliasOf)!;
        var shown = def.Secret ? "(hidden)" : $"\"{value}\"";
        switch (canonical.Kind)
        {
            case FlagKind.Bool when ParseBool(value) is null:
                throw new FlagException($"{origin}: invalid boolean {shown} (use true or false)");
            case FlagKind.Int when !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _):
                throw new FlagException($"{origin}: invalid integer {shown}");
            case FlagKind.Duration when !GoDuration.TryParseFlag(value, out _):
                throw new FlagException($"{origin}: invalid duration {shown} (examples: 30s, 1m, 1h30m, 250ms)");
            case FlagKind.Enum when !canonical.Allowed.Contains(value, StringComparer.Ordinal):
                throw new FlagException($"{origin}: invalid value {shown} (options: {string.Join(", ", canonical.Allowed)})");
            default:
                break;
        }

        if (canonical.IsRepeatable)
        {
            if (!values.TryGetValue(canonical.Name, out var list))
            {
                values[canonical.Name] = list = [];
            }

            foreach (var item in SplitList(value))
            {
                var normalized = item;
                if (canonical.Kind == FlagKind.EnumList)
                {
                    normalized = canonical.Allowed.FirstOrDefault(a => string.Equals(a, item, StringComparison.OrdinalIgnoreCase))
                        ?? throw new FlagException($"{origin}: invalid value \"{item}\" (options: {string.Join(", ", canonical.Allowed)})");
                }

                list.Add(normalized);
            }

            return;
        }

        values[canonical.Name] = [value];
    }

    /// <summary>Checks that a regular expression compiles; the error names the flag.</summary>
    public static void ValidateRegex(ParsedFlags flags, string name)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var pattern = flags.String(name);
        if (pattern.Length == 0)
        {
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new FlagException($"--{name}: invalid regular expression \"{pattern}\": {ex.Message}", ex);
        }
    }
}
