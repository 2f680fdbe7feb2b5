using System.Text;

namespace ExternalDns.Dns.Wire;

/// <summary>
/// Converts between the presentation form of a domain name (<c>www.example.org</c>, a trailing dot optional,
/// <c>\.</c>, <c>\\</c> and <c>\DDD</c> escapes) and its labels. The root is the empty string (or ".").
/// </summary>
public static class DnsNameText
{
    /// <summary>The longest name in wire form, length bytes and terminating zero included (RFC 1035 3.1).</summary>
    public const int MaxWireLength = 255;

    public const int MaxLabelLength = 63;

    /// <summary>Splits a presentation-form name into raw labels. Throws <see cref="ArgumentException"/> on a malformed name.</summary>
    public static List<byte[]> ParseLabels(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var labels = new List<byte[]>();
        if (name.Length == 0 || name == ".")
        {
            return labels;
        }

        var current = new List<byte>(MaxLabelLength);
        var wireLength = 1;
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c == '.')
            {
                if (current.Count == 0)
                {
                    throw new ArgumentException($"The name '{name}' has an empty label.", nameof(name));
                }

                wireLength += AddLabel(labels, current, name);
                i++;
                if (i == name.Length)
                {
                    break; // trailing dot: fully qualified
                }

                continue;
            }

            if (c == '\\')
            {
                if (i + 1 >= name.Length)
                {
                    throw new ArgumentException($"The name '{name}' ends with a lone backslash.", nameof(name));
                }

                if (i + 3 < name.Length && char.IsAsciiDigit(name[i + 1]) && char.IsAsciiDigit(name[i + 2]) && char.IsAsciiDigit(name[i + 3]))
                {
                    var value = ((name[i + 1] - '0') * 100) + ((name[i + 2] - '0') * 10) + (name[i + 3] - '0');
                    if (value > 255)
                    {
                        throw new ArgumentException($"The name '{name}' has an escape above \\255.", nameof(name));
                    }

                    current.Add((byte)value);
                    i += 4;
                }
                else
                {
                    current.Add(CheckedByte(name[i + 1], name));
                    i += 2;
                }
            }
            else
            {
                if (c > 127)
                {
                    // Non-ASCII input is encoded as UTF-8 (callers should pass IDNA ASCII names).
                    var bytes = Encoding.UTF8.GetBytes(name[i].ToString());
                    current.AddRange(bytes);
                }
                else
                {
                    current.Add((byte)c);
                }

                i++;
            }

            if (current.Count > MaxLabelLength)
            {
                throw new ArgumentException($"A label of the name '{name}' is longer than {MaxLabelLength} bytes.", nameof(name));
            }
        }

        if (current.Count > 0)
        {
            wireLength += AddLabel(labels, current, name);
        }

        if (wireLength > MaxWireLength)
        {
            throw new ArgumentException($"The name '{name}' is longer than {MaxWireLength} bytes in wire form.", nameof(name));
        }

        return labels;
    }

    /// <summary>Appends one raw label to a presentation-form name builder, escaping as needed.</summary>
    public static void AppendLabel(StringBuilder builder, ReadOnlySpan<byte> label)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Length > 0)
        {
            builder.Append('.');
        }

        foreach (var b in label)
        {
            if (b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$')
            {
                builder.Append('\\').Append((char)b);
            }
            else if (b is < 0x21 or > 0x7e)
            {
                builder.Append('\\').Append(((int)b).ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }
    }

    /// <summary>The name in a canonical comparison form: labels parsed and re-escaped, ASCII lower case, no trailing dot.</summary>
    public static string Canonical(string name)
    {
        var builder = new StringBuilder(name?.Length ?? 0);
        foreach (var label in ParseLabels(name!))
        {
            AppendLabel(builder, label);
        }

        return builder.ToString().ToLowerInvariant();
    }

    /// <summary>True when both names are equal ignoring ASCII case and a trailing dot.</summary>
    public static bool Equal(string a, string b) => string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    private static int AddLabel(List<byte[]> labels, List<byte> current, string name)
    {
        if (current.Count > MaxLabelLength)
        {
            throw new ArgumentException($"A label of the name '{name}' is longer than {MaxLabelLength} bytes.", nameof(name));
        }

        labels.Add([.. current]);
        var length = current.Count + 1;
        current.Clear();
        return length;
    }

    private static byte CheckedByte(char c, string name)
    {
        if (c > 255)
        {
            throw new ArgumentException($"The name '{name}' escapes a non-byte character.", nameof(name));
        }

        return (byte)c;
    }
}
