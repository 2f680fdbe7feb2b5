using System.Globalization;
using System.Text;

namespace ExternalDns.Testing.Route53;

/// <summary>How Route53 stores and orders names (DomainNameFormat in the developer guide).</summary>
internal static class Route53Names
{
    /// <summary>Ordinal order of <see cref="SortKey"/> strings.</summary>
    public static readonly StringComparer RecordOrder = StringComparer.Ordinal;

    /// <summary>
    /// Lower case, fully qualified, with every character other than a-z, 0-9, '-', '_' and '.' written as a
    /// three-digit octal escape (<c>*</c> becomes <c>\052</c>); escapes already present are kept.
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 1);
        for (var i = 0; i < name.Length; i++)
        {
            var c = char.ToLowerInvariant(name[i]);
            if (c == '\\' && IsOctal(name, i + 1))
            {
                sb.Append(name, i, 4);
                i += 3;
            }
            else if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
            }
        }

        if (sb.Length == 0 || sb[^1] != '.')
        {
            sb.Append('.');
        }

        return sb.ToString();
    }

    /// <summary>The name with its labels reversed (<c>www.example.com.</c> → <c>com.example.www.</c>).</summary>
    public static string Reverse(string normalizedName)
    {
        var labels = normalizedName.TrimEnd('.').Split('.');
        Array.Reverse(labels);
        return string.Join('.', labels) + ".";
    }

    /// <summary>ListResourceRecordSets order: name with labels reversed, then type, then set identifier.</summary>
    public static string SortKey(string normalizedName, string type, string? setIdentifier) =>
        Reverse(normalizedName) + "\0" + type + "\0" + (setIdentifier ?? string.Empty);

    /// <summary>True when <paramref name="name"/> is the zone apex or inside the zone.</summary>
    public static bool InZone(string normalizedName, string zoneName) =>
        normalizedName == zoneName || normalizedName.EndsWith("." + zoneName, StringComparison.Ordinal);

    public static string FormatIdentity(Route53RecordSet set)
    {
        var id = set.SetIdentifier is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", set-identifier='{set.SetIdentifier}'");
        return $"[name='{set.Name}', type='{set.Type}'{id}]";
    }

    private static bool IsOctal(string s, int start)
    {
        if (start + 3 > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + 3; i++)
        {
            if (s[i] is < '0' or > '7')
            {
                return false;
            }
        }

        return true;
    }
}
