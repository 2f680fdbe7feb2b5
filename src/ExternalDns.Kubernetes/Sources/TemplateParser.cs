using System.Globalization;
using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Parses (and lexes) the text of an <see cref="FqdnTemplate"/> into nodes; throws <see cref="FormatException"/>
/// naming the problem and, for unsupported constructs, what is supported.
/// </summary>
internal sealed class TemplateParser(string text)
{
    private static readonly string[] TopFields = ["Name", "Namespace", "Kind", "APIVersion", "Labels", "Annotations"];

    private int _pos;
    private bool _trimNextText;

    public List<ITemplateNode> ParseList(out string? terminator)
    {
        var nodes = new List<ITemplateNode>();
        while (_pos < text.Length)
        {
            var open = text.IndexOf("{{", _pos, StringComparison.Ordinal);
            var literal = open < 0 ? text[_pos..] : text[_pos..open];
            var trimLeft = open >= 0 && open + 2 < text.Length && text[open + 2] == '-' && open + 3 < text.Length && char.IsWhiteSpace(text[open + 3]);
            if (_trimNextText)
            {
                literal = literal.TrimStart();
            }

            if (trimLeft)
            {
                literal = literal.TrimEnd();
            }

            if (literal.Length > 0)
            {
                nodes.Add(new TemplateTextNode(literal));
            }

            if (open < 0)
            {
                _pos = text.Length;
                break;
            }

            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"unclosed action at offset {open} in template \"{text}\"");
            }

            var inner = text[(open + 2)..close];
            if (trimLeft)
            {
                inner = inner[1..];
            }

            _trimNextText = inner.Length >= 2 && inner[^1] == '-' && char.IsWhiteSpace(inner[^2]);
            if (_trimNextText)
            {
                inner = inner[..^1];
            }

            _pos = close + 2;
            inner = inner.Trim();
            if (inner.StartsWith("/*", StringComparison.Ordinal))
            {
                continue;
            }

            var tokens = Lex(inner);
            if (tokens.Count == 0)
            {
                throw new FormatException($"empty action in template \"{text}\"");
            }

            switch (tokens[0])
            {
                case "end":
                    terminator = "end";
                    return nodes;
                case "else":
                    if (tokens.Count == 1)
                    {
                        terminator = "else";
                        return nodes;
                    }

                    if (tokens[1] == "if")
                    {
                        terminator = "else if";
                        _elseIfTokens = tokens.GetRange(2, tokens.Count - 2);
                        return nodes;
                    }

                    throw new FormatException($"unexpected \"{inner}\" in template \"{text}\"");
                case "if":
                    nodes.Add(ParseIf(tokens.GetRange(1, tokens.Count - 1)));
                    break;
                case "range" or "with" or "define" or "template" or "block" or "break" or "continue":
                    throw Unsupported($"{{{{{tokens[0]}}}}}");
                default:
                    nodes.Add(new TemplateActionNode(ParsePipeline(tokens)));
                    break;
            }
        }

        terminator = null;
        return nodes;
    }

    private List<string>? _elseIfTokens;

    private TemplateIfNode ParseIf(List<string> conditionTokens)
    {
        var condition = ParsePipeline(conditionTokens);
        var then = ParseList(out var terminator);
        switch (terminator)
        {
            case "end":
                return new TemplateIfNode(condition, then, []);
            case "else":
                {
                    var otherwise = ParseList(out var t2);
                    if (t2 != "end")
                    {
                        throw new FormatException($"{{{{if}}}} without {{{{end}}}} in template \"{text}\"");
                    }

                    return new TemplateIfNode(condition, then, otherwise);
                }

            case "else if":
                {
                    var nested = ParseIf(_elseIfTokens!);
                    return new TemplateIfNode(condition, then, [nested]);
                }

            default:
                throw new FormatException($"{{{{if}}}} without {{{{end}}}} in template \"{text}\"");
        }
    }

    private TemplatePipeline ParsePipeline(List<string> tokens)
    {
        var pos = 0;
        var p = ParsePipelineAt(tokens, ref pos);
        if (pos != tokens.Count)
        {
            throw new FormatException($"unexpected '{tokens[pos]}' in template \"{text}\"");
        }

        return p;
    }

    private TemplatePipeline ParsePipelineAt(List<string> tokens, ref int pos)
    {
        var commands = new List<TemplateCommand>();
        var args = new List<ITemplateExpression>();
        while (pos < tokens.Count && tokens[pos] != ")")
        {
            var t = tokens[pos];
            if (t == "|")
            {
                if (args.Count == 0)
                {
                    throw new FormatException($"missing command before '|' in template \"{text}\"");
                }

                commands.Add(new TemplateCommand(args));
                args = [];
                pos++;
                continue;
            }

            if (t == "(")
            {
                pos++;
                var inner = ParsePipelineAt(tokens, ref pos);
                if (pos >= tokens.Count || tokens[pos] != ")")
                {
                    throw new FormatException($"unclosed '(' in template \"{text}\"");
                }

                pos++;
                args.Add(new TemplatePipelineExpression(inner));
                continue;
            }

            args.Add(ParseOperand(t));
            pos++;
        }

        if (args.Count == 0)
        {
            throw new FormatException($"missing value in template \"{text}\"");
        }

        commands.Add(new TemplateCommand(args));
        for (var i = 1; i < commands.Count; i++)
        {
            if (commands[i].Args[0] is not TemplateFunctionExpression)
            {
                throw new FormatException($"only a function can follow '|' in template \"{text}\"");
            }
        }

        return new TemplatePipeline(commands);
    }

    private ITemplateExpression ParseOperand(string t)
    {
        if (t[0] == '"' || t[0] == '`')
        {
            return new TemplateLiteralExpression(t[1..^1]);
        }

        if (t is "true" or "false")
        {
            return new TemplateLiteralExpression(t == "true");
        }

        if (t == "nil")
        {
            return new TemplateLiteralExpression(null);
        }

        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return new TemplateLiteralExpression(n);
        }

        if (t[0] == '$')
        {
            throw Unsupported($"variable {t}");
        }

        if (t[0] == '.')
        {
            if (t == ".")
            {
                throw Unsupported("'.' (the whole object)");
            }

            var path = t[1..].Split('.');
            if (!TopFields.Contains(path[0], StringComparer.Ordinal))
            {
                throw Unsupported($"field .{path[0]}");
            }

            if (path.Length > 2 || (path.Length == 2 && path[0] is not ("Labels" or "Annotations")))
            {
                throw Unsupported($"field {t}");
            }

            return new TemplateFieldExpression(path);
        }

        if (TemplateFunctions.Names.Contains(t, StringComparer.Ordinal))
        {
            return new TemplateFunctionExpression(t);
        }

        throw Unsupported($"function \"{t}\"");
    }

    private FormatException Unsupported(string what) => new(
        $"{what} is not supported in template \"{text}\"; supported: fields .{string.Join(", .", TopFields)} (and .Labels.key, .Annotations.key), "
        + $"functions {string.Join(", ", TemplateFunctions.Names)}, if/else/end");

    private List<string> Lex(string s)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or '|')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c is '"' or '`')
            {
                var sb = new StringBuilder();
                var j = i + 1;
                while (j < s.Length && s[j] != c)
                {
                    if (c == '"' && s[j] == '\\' && j + 1 < s.Length)
                    {
                        j++;
                        sb.Append(s[j] switch { 'n' => '\n', 't' => '\t', _ => s[j] });
                    }
                    else
                    {
                        sb.Append(s[j]);
                    }

                    j++;
                }

                if (j >= s.Length)
                {
                    throw new FormatException($"unterminated string in template \"{text}\"");
                }

                tokens.Add(c + sb.ToString() + c);
                i = j + 1;
            }
            else
            {
                var j = i;
                while (j < s.Length && !char.IsWhiteSpace(s[j]) && s[j] is not ('(' or ')' or '|' or '"' or '`'))
                {
                    j++;
                }

                var word = s[i..j];
                if (word.Contains(":=", StringComparison.Ordinal) || word == "=")
                {
                    throw Unsupported("variable assignment");
                }

                tokens.Add(word);
                i = j;
            }
        }

        return tokens;
    }
}
