using ExternalDns.Core.Configuration;
using System.Text;

namespace ExternalDns.Cli;

/// <summary>Renders --help (grouped as upstream's reference) and the Markdown flag reference in the README.</summary>
public static class HelpWriter
{
    public static string Help()
    {
        var sb = new StringBuilder();
        sb.Append("usage: external-dns --source=SOURCE --provider=PROVIDER --policy=POLICY [<flags>]\n\n");
        sb.Append("ExternalDns synchronizes exposed Kubernetes Services and Ingresses with DNS providers.\n");
        sb.Append("Every flag can also be set through EXTERNAL_DNS_<FLAG> (upper case, '-' as '_').\n");
        foreach (var group in FlagCatalog.Groups)
        {
            sb.Append('\n').Append(group).Append(":\n");
            foreach (var flag in Visible(group))
            {
                var usage = Usage(flag);
                sb.Append("  ").Append(usage);
                sb.Append(usage.Length < 44 ? new string(' ', 44 - usage.Length) : "\n" + new string(' ', 46));
                sb.Append(Description(flag)).Append('\n');
            }
        }

        return sb.ToString();
    }

    public static string Markdown()
    {
        var sb = new StringBuilder();
        foreach (var group in FlagCatalog.Groups)
        {
            sb.Append("\n#### ").Append(group).Append("\n\n| Flag | Environment | Upstream | Description |\n|:--|:--|:--|:--|\n");
            foreach (var flag in Visible(group))
            {
                sb.Append("| `").Append(Usage(flag)).Append("` | `").Append(flag.EnvironmentVariable).Append("` | ")
                    .Append(Compatibility(flag).Replace("|", "\\|", StringComparison.Ordinal)).Append(" | ")
                    .Append(flag.Help.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>The marker every flag carries in the README's flag reference: how it relates to upstream ExternalDNS.</summary>
    public static string Compatibility(FlagDefinition flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        if (flag.NotSupported is not null)
        {
            return $"accepted, not supported here ({flag.NotSupported})";
        }

        return IsOurs(flag) ? "ours" : "same as upstream";
    }

    /// <summary>True for a flag upstream ExternalDNS does not have: its help starts with <c>ExternalDns:</c>.</summary>
    public static bool IsOurs(FlagDefinition flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        return flag.Help.StartsWith("ExternalDns:", StringComparison.Ordinal);
    }

    private static string Description(FlagDefinition flag) =>
        flag.NotSupported is null ? flag.Help : $"{flag.Help} **Accepted, not supported here:** {flag.NotSupported}.";

    private static IEnumerable<FlagDefinition> Visible(string group) =>
        FlagCatalog.All.Where(f => f.Group == group && !f.Hidden && f.Name is not "help" and not "version");

    private static string Usage(FlagDefinition flag) => flag.Kind switch
    {
        FlagKind.Bool => $"--[no-]{flag.Name}",
        // As kingpin prints a repeatable flag: its first default value (one value per occurrence), then "...".
        FlagKind.List or FlagKind.EnumList => $"--{flag.Name}={(string.IsNullOrEmpty(flag.Default) ? flag.Name.ToUpperInvariant() : FlagParser.DefaultList(flag.Default)[0])}...",
        _ => $"--{flag.Name}={(flag.Default is null ? flag.Name.ToUpperInvariant() : "\"" + flag.Default + "\"")}",
    };
}
