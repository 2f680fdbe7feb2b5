using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// A Kubernetes label selector in its string form, as <c>--label-filter</c> and <c>--annotation-filter</c> take it:
/// comma-separated requirements <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>,
/// <c>k</c> and <c>!k</c>. All requirements must match; the empty selector matches everything.
/// Keys must be qualified names and values valid label values, as upstream (apimachinery) checks them.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<SelectorRequirement> requirements) => Requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public IReadOnlyList<SelectorRequirement> Requirements { get; }

    public bool IsEmpty => Requirements.Count == 0;

    public bool Matches(IReadOnlyDictionary<string, string> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var r in Requirements)
        {
            if (!r.Matches(set))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => string.Join(',', Requirements);

    /// <summary>Parses a selector; throws <see cref="FormatException"/> with the reason on bad syntax.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var tokens = Tokenize(text);
        var pos = 0;
        var requirements = new List<SelectorRequirement>();
        while (true)
        {
            requirements.Add(ParseRequirement(tokens, ref pos));
            if (tokens[pos].Kind == TokenKind.End)
            {
                break;
            }

            if (tokens[pos].Kind != TokenKind.Comma)
            {
                throw new FormatException($"expected ',' or the end, found '{tokens[pos].Text}'");
            }

            pos++;
        }

        return new LabelSelector(requirements);
    }

    /// <summary>A selector from a <c>matchLabels</c>-style map (all equalities), as a service's <c>spec.selector</c>.</summary>
    public static LabelSelector FromSet(IReadOnlyDictionary<string, string>? set)
    {
        if (set is null || set.Count == 0)
        {
            return Everything;
        }

        return new LabelSelector([.. set.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new SelectorRequirement(p.Key, SelectorOperator.Equals, [p.Value]))]);
    }

    /// <summary>
    /// An object's <c>metav1.LabelSelector</c> (<c>matchLabels</c> and <c>matchExpressions</c>), as apimachinery's
    /// <c>LabelSelectorAsSelector</c> reads it: an empty one matches everything. Throws <see cref="FormatException"/>
    /// for an unknown operator, or values where none belong (Exists, DoesNotExist) or none where some must (In, NotIn).
    /// </summary>
    public static LabelSelector FromSpec(Models.LabelSelectorSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var requirements = new List<SelectorRequirement>();
        foreach (var (k, v) in spec.MatchLabels ?? [])
        {
            requirements.Add(new SelectorRequirement(k, SelectorOperator.Equals, [v]));
        }

        foreach (var e in spec.MatchExpressions ?? [])
        {
            var key = e.Key ?? string.Empty;
            var values = e.Values ?? [];
            var op = e.Operator switch
            {
                "In" => SelectorOperator.In,
                "NotIn" => SelectorOperator.NotIn,
                "Exists" => SelectorOperator.Exists,
                "DoesNotExist" => SelectorOperator.DoesNotExist,
                _ => throw new FormatException($"\"{e.Operator}\" is not a valid label selector operator"),
            };
            if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
            {
                throw new FormatException($"for 'in' and 'notin' operators, values set can't be empty (key {key})");
            }

            if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count > 0)
            {
                throw new FormatException($"values set must be empty for exists and does not exist (key {key})");
            }

            requirements.Add(new SelectorRequirement(key, op, [.. values]));
        }

        return requirements.Count == 0 ? Everything : new LabelSelector(requirements);
    }

    private static SelectorRequirement ParseRequirement(List<Token> tokens, ref int pos)
    {
        var t = tokens[pos];
        if (t.Kind == TokenKind.Not)
        {
            pos++;
            var key = ExpectIdentifier(tokens, ref pos, "a key after '!'");
            ValidateKey(key);
            return new SelectorRequirement(key, SelectorOperator.DoesNotExist, []);
        }

        var name = ExpectIdentifier(tokens, ref pos, "a key");
        ValidateKey(name);
        var op = tokens[pos];
        switch (op.Kind)
        {
            case TokenKind.End:
            case TokenKind.Comma:
                return new SelectorRequirement(name, SelectorOperator.Exists, []);
            case TokenKind.Equals:
            case TokenKind.DoubleEquals:
            case TokenKind.NotEquals:
                {
                    pos++;
                    var value = string.Empty;
                    if (tokens[pos].Kind == TokenKind.Identifier)
                    {
                        value = tokens[pos].Text;
                        pos++;
                    }
                    else if (tokens[pos].Kind is not (TokenKind.End or TokenKind.Comma))
                    {
                        throw new FormatException($"expected a value after '{op.Text}', found '{tokens[pos].Text}'");
                    }

                    ValidateValue(value);
                    return new SelectorRequirement(name, op.Kind == TokenKind.NotEquals ? SelectorOperator.NotEquals : SelectorOperator.Equals, [value]);
                }

            case TokenKind.Identifier when op.Text is "in" or "notin":
                {
                    pos++;
                    if (tokens[pos].Kind != TokenKind.OpenParen)
                    {
                        throw new FormatException($"expected '(' after '{op.Text}', found '{tokens[pos].Text}'");
                    }

                    pos++;
                    var values = new List<string>();
                    while (true)
                    {
                        var value = string.Empty;
                        if (tokens[pos].Kind == TokenKind.Identifier)
                        {
                            value = tokens[pos].Text;
                            pos++;
                        }

                        ValidateValue(value);
                        values.Add(value);
                        if (tokens[pos].Kind == TokenKind.Comma)
                        {
                            pos++;
                            continue;
                        }

                        if (tokens[pos].Kind == TokenKind.CloseParen)
                        {
                            pos++;
                            break;
                        }

                        throw new FormatException($"expected ',' or ')' in the value set of '{name}', found '{tokens[pos].Text}'");
                    }

                    return new SelectorRequirement(name, op.Text == "in" ? SelectorOperator.In : SelectorOperator.NotIn, values);
                }

            case TokenKind.Greater:
            case TokenKind.Less:
                throw new FormatException($"operator '{op.Text}' is not supported in a label selector string (use =, ==, !=, in, notin, exists, !key)");
            default:
                throw new FormatException($"expected an operator after '{name}', found '{op.Text}'");
        }
    }

    private static string ExpectIdentifier(List<Token> tokens, ref int pos, string what)
    {
        var t = tokens[pos];
        if (t.Kind != TokenKind.Identifier)
        {
            throw new FormatException($"expected {what}, found '{(t.Kind == TokenKind.End ? "end of input" : t.Text)}'");
        }

        pos++;
        return t.Text;
    }

    /// <summary>A qualified name: optional DNS-subdomain prefix and '/', then 1..63 alphanumerics, '-', '_', '.' (alphanumeric at both ends).</summary>
    internal static void ValidateKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = key;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            name = key[(slash + 1)..];
            if (prefix.Length == 0 || prefix.Length > 253 || !IsDnsSubdomain(prefix))
            {
                throw new FormatException($"key '{key}': prefix '{prefix}' must be a DNS subdomain (lower-case alphanumerics, '-', '.')");
            }
        }

        if (name.Length == 0 || name.Length > 63 || !IsQualifiedNamePart(name))
        {
            throw new FormatException($"key '{key}': name part must be 1-63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
    }

    internal static void ValidateValue(string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        if (value.Length > 63 || !IsQualifiedNamePart(value))
        {
            throw new FormatException($"value '{value}' must be at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric");
        }
    }

    private static bool IsQualifiedNamePart(string s)
    {
        if (!char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDnsSubdomain(string s)
    {
        foreach (var label in s.Split('.'))
        {
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ","));
                    i++;
                    continue;
                case '(':
                    tokens.Add(new Token(TokenKind.OpenParen, "("));
                    i++;
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.CloseParen, ")"));
                    i++;
                    continue;
                case '>':
                    tokens.Add(new Token(TokenKind.Greater, ">"));
                    i++;
                    continue;
                case '<':
                    tokens.Add(new Token(TokenKind.Less, "<"));
                    i++;
                    continue;
                case '=':
                    if (i + 1 < text.Length && text[i + 1] == '=')
                    {
                        tokens.Add(new Token(TokenKind.DoubleEquals, "=="));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Equals, "="));
                        i++;
                    }

                    continue;
                case '!':
                    if (i + 1 < text.Length && text[i + 1] == '=')
                    {
                        tokens.Add(new Token(TokenKind.NotEquals, "!="));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Not, "!"));
                        i++;
                    }

                    continue;
            }

            var sb = new StringBuilder();
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or '(' or ')' or '=' or '!' or '<' or '>'))
            {
                sb.Append(text[i]);
                i++;
            }

            tokens.Add(new Token(TokenKind.Identifier, sb.ToString()));
        }

        tokens.Add(new Token(TokenKind.End, string.Empty));
        return tokens;
    }

    private enum TokenKind
    {
        Identifier,
        Comma,
        OpenParen,
        CloseParen,
        Equals,
        DoubleEquals,
        NotEquals,
        Not,
        Greater,
        Less,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text);
}
