using ExternalDns.Core.Configuration;
using ExternalDns.Core.Text;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ExternalDns.Cli;

/// <summary>
/// Parses the command line as upstream's kingpin does: <c>--name=value</c> or <c>--name value</c>; booleans as
/// <c>--name</c>, <c>--no-name</c> or <c>--name=false</c>. A repeatable flag takes exactly one value per occurrence, as
/// kingpin's: a comma is part of the value (<c>--aws-zone-tags=team=a,b</c> is one tag whose value is <c>a,b</c>; an
/// <c>--fqdn-template</c> may contain commas), never a separator. Every flag can also come from
/// <c>EXTERNAL_DNS_&lt;NAME&gt;</c>, where a repeatable flag's values are separated by newlines (as kingpin's); the command
/// line wins. Each error names the flag (never a secret value).
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
                // kingpin splits a repeatable flag's environment value on \r?\n, and only there.
                foreach (var item in env.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var value = item.EndsWith('\r') ? item[..^1] : item;
                    if (value.Length > 0)
                    {
                        Add(values, def, value, def.EnvironmentVariable);
                    }
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

    /// <summary>
    /// The default values of a repeatable flag: the catalog spells them comma-separated (<c>A,AAAA,CNAME</c>). Only
    /// defaults are split; a value given on the command line or in the environment never is.
    /// </summary>
    public static List<string> DefaultList(string value) =>
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

            var normalized = value;
            if (canonical.Kind == FlagKind.EnumList)
            {
                normalized = canonical.Allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
                    ?? throw new FlagException($"{origin}: invalid value {shown} (options: {string.Join(", ", canonical.Allowed)}){RepeatHint(canonical, value, origin)}");
            }

            list.Add(normalized);
            return;
        }

        values[canonical.Name] = [value];
    }

    /// <summary>
    /// For a comma-separated value of a repeatable flag that takes one value per occurrence: how to write it instead.
    /// Empty when the value has no comma.
    /// </summary>
    public static string RepeatHint(FlagDefinition flag, string value, string origin)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains(',', StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return origin.StartsWith("EXTERNAL_DNS_", StringComparison.Ordinal)
            ? $"; one value per line in {origin}, as upstream ExternalDNS reads it"
            : $"; give one value per flag, as upstream ExternalDNS: {string.Join(' ', parts.Select(p => $"--{flag.Name}={p}"))}";
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
