using System.Globalization;

namespace ExternalDns.Core.Endpoints;

/// <summary>DNS name normalisation and validation shared by sources, planner and providers.</summary>
public static class DnsNames
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    // What a name already in the planner's form consists of (every pass normalizes every desired name, most of them
    // already lower-case ASCII without a trailing dot: one vectorized scan recognizes them).
    private static readonly System.Buffers.SearchValues<char> CanonicalChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-_*");

    /// <summary>
    /// The planner's key for a name: trimmed, lower-case, without trailing dot, internationalised labels in their
    /// ASCII (punycode) form. <c>Bücher.Example.</c> and <c>xn--bcher-kva.example</c> give the same key.
    /// Returns the lower-cased input when it is not a valid IDN.
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length > 0 && name[^1] != '.' && !name.AsSpan().ContainsAnyExcept(CanonicalChars))
        {
            return name;
        }

        var s = name.Trim();
        if (s.EndsWith('.'))
        {
            s = s[..^1];
        }

        if (IsAscii(s))
        {
            return HasUpper(s) ? s.ToLowerInvariant() : s;
        }

        try
        {
            return Idn.GetAscii(s).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return s.ToLowerInvariant();
        }
    }

    /// <summary>The Unicode form of a name (for filters that users write in Unicode).</summary>
    public static string ToUnicode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var s = name.Trim().TrimEnd('.');
        if (!s.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return s.ToLowerInvariant();
        }

        try
        {
            return Idn.GetUnicode(s.ToLowerInvariant());
        }
        catch (ArgumentException)
        {
            return s.ToLowerInvariant();
        }
    }

    /// <summary>
    /// Checks a host name: 1..253 characters, labels of 1..63 letters, digits, '-' or '_' that do not start or end
    /// with '-', and an optional leading '*' label. Internationalised names are checked in their ASCII form.
    /// Returns null when valid, otherwise the reason.
    /// </summary>
    public static string? Validate(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "the name is empty";
        }

        var ascii = Normalize(name);
        if (!IsAscii(ascii))
        {
            return "the name is not a valid internationalised domain name";
        }

        if (ascii.Length > 253)
        {
            return $"the name is {ascii.Length} characters long, more than 253";
        }

        var labels = ascii.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label.Length == 0)
            {
                return "the name has an empty label";
            }

            if (label.Length > 63)
            {
                return $"label '{label}' is {label.Length} characters long, more than 63";
            }

            if (i == 0 && label == "*")
            {
                continue;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
                {
                    return $"label '{label}' contains '{c}'";
                }
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"label '{label}' starts or ends with '-'";
            }
        }

        return null;
    }

    public static bool IsValid(string name) => Validate(name) is null;

    /// <summary>True when <paramref name="name"/> equals <paramref name="zone"/> or is below it (both normalised).</summary>
    public static bool IsInZone(string name, string zone)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Length == 0)
        {
            return true;
        }

        return name.Length == zone.Length
            ? string.Equals(name, zone, StringComparison.Ordinal)
            : name.Length > zone.Length && name[name.Length - zone.Length - 1] == '.' && name.EndsWith(zone, StringComparison.Ordinal);
    }

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c > 127)
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasUpper(string s)
    {
        foreach (var c in s)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                return true;
            }
        }

        return false;
    }
}
