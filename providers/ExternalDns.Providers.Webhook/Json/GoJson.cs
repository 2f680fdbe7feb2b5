using System.Globalization;
using System.Text;

namespace ExternalDns.Providers.Webhook.Json;

/// <summary>
/// Writes JSON exactly as Go's <c>encoding/json</c> does (what upstream ExternalDNS and every Go webhook provider send):
/// compact, map keys sorted by their UTF-8 bytes, and strings escaped the Go way — <c>\"</c>, <c>\\</c>, <c>\b</c>,
/// <c>\f</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>, other control characters and the HTML characters <c>&lt; &gt; &amp;</c> as
/// <c>\u00xx</c> (lower-case hex), U+2028/U+2029 escaped, an unpaired surrogate as <c>\ufffd</c>, everything else
/// (all non-ASCII text included) as is. System.Text.Json's encoders differ (<c>\u0022</c>, upper-case hex, escaped
/// non-ASCII), so a TXT ownership value would not round-trip byte for byte through them.
/// </summary>
internal static class GoJson
{
    private const string Hex = "0123456789abcdef";

    /// <summary>Orders strings as Go's <c>sort.Strings</c> does: by UTF-8 bytes, which is code point order.</summary>
    public static readonly IComparer<string> KeyOrder = Comparer<string>.Create(CompareCodePoints);

    public static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '<' or '>' or '&' or < ' ' => null,
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                _ when char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) => string.Empty,
                _ when char.IsSurrogate(c) => "\\ufffd",
                _ => string.Empty,
            };

            if (escape is { Length: 0 })
            {
                if (char.IsHighSurrogate(c))
                {
                    i++; // a valid pair: both halves are copied as they are
                }

                continue;
            }

            sb.Append(value, start, i - start);
            if (escape is null)
            {
                sb.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
            }
            else
            {
                sb.Append(escape);
            }

            start = i + 1;
        }

        sb.Append(value, start, value.Length - start);
        sb.Append('"');
    }

    public static void WriteNumber(StringBuilder sb, long value) => sb.Append(value.ToString(CultureInfo.InvariantCulture));

    public static void WriteStringArray(StringBuilder sb, IEnumerable<string> values)
    {
        sb.Append('[');
        var first = true;
        foreach (var v in values)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            WriteString(sb, v);
        }

        sb.Append(']');
    }

    /// <summary>Writes <c>"name":</c> preceded by a comma unless it is the object's first member.</summary>
    public static void WriteName(StringBuilder sb, string name, ref bool first)
    {
        if (!first)
        {
            sb.Append(',');
        }

        first = false;
        WriteString(sb, name);
        sb.Append(':');
    }

    private static int CompareCodePoints(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return string.CompareOrdinal(a, b);
        }

        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var hasA = ea.MoveNext();
            var hasB = eb.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA.CompareTo(hasB);
            }

            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
