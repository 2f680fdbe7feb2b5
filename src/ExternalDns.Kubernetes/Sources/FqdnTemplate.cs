using System.Globalization;
using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// The subset of Go's <c>text/template</c> that <c>--fqdn-template</c> users write (upstream
/// <c>source/template</c>): text with actions <c>{{ pipeline }}</c>, <c>{{- trim -}}</c> markers,
/// <c>{{if}}/{{else if}}/{{else}}/{{end}}</c>; operands <c>.Name</c>, <c>.Namespace</c>, <c>.Kind</c>,
/// <c>.APIVersion</c>, <c>.Labels.key</c>, <c>.Annotations.key</c>, string/number/bool literals, parenthesised
/// pipelines and <c>|</c> chains; functions <c>index</c>, <c>hasKey</c>, <c>toLower</c>, <c>trim</c>,
/// <c>trimPrefix</c>, <c>trimSuffix</c>, <c>replace</c>, <c>contains</c>, <c>isIPv4</c>, <c>isIPv6</c>, <c>eq</c>,
/// <c>ne</c>, <c>not</c>, <c>and</c>, <c>or</c>, <c>len</c>, <c>printf</c> (%s %v %d). Anything else
/// (<c>range</c>, <c>with</c>, variables, <c>.Spec</c>/<c>.Status</c> fields) is rejected by <see cref="Parse"/>
/// with a message that says what is supported. Several templates are joined with ',' as upstream does; the output
/// is split on ',', trimmed, stripped of a trailing dot, deduplicated and sorted.
/// </summary>
public sealed class FqdnTemplate
{
    private static readonly string[] TopFields = ["Name", "Namespace", "Kind", "APIVersion", "Labels", "Annotations"];
    private static readonly string[] Functions = ["index", "hasKey", "toLower", "trim", "trimPrefix", "trimSuffix", "replace", "contains", "isIPv4", "isIPv6", "eq", "ne", "not", "and", "or", "len", "printf"];

    private readonly List<INode> _nodes;

    private FqdnTemplate(string text, List<INode> nodes)
    {
        Text = text;
        _nodes = nodes;
    }

    public string Text { get; }

    /// <summary>Parses templates (joined with ','); throws <see cref="FormatException"/> naming the problem.</summary>
    public static FqdnTemplate Parse(IEnumerable<string> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var text = string.Join(',', templates);
        var parser = new Parser(text);
        var nodes = parser.ParseList(out var terminator);
        if (terminator is not null)
        {
            throw new FormatException($"unexpected {{{{{terminator}}}}} in template \"{text}\"");
        }

        return new FqdnTemplate(text, nodes);
    }

    public static FqdnTemplate Parse(string template) => Parse([template]);

    /// <summary>Executes the template; throws <see cref="TemplateExecutionException"/> when a function fails.</summary>
    public IReadOnlyList<string> Execute(TemplateData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var sb = new StringBuilder();
        foreach (var node in _nodes)
        {
            node.Render(data, sb);
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var part in sb.ToString().Split(','))
        {
            var name = part.Trim();
            if (name.EndsWith('.'))
            {
                name = name[..^1];
            }

            if (name.Length > 0)
            {
                names.Add(name);
            }
        }

        return [.. names];
    }

    public override string ToString() => Text;

    private static string Print(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, string> m => "map[" + string.Join(' ', m.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}")) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static bool Truthy(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        bool b => b,
        long l => l != 0,
        IReadOnlyDictionary<string, string> m => m.Count > 0,
        _ => true,
    };

    private interface INode
    {
        void Render(TemplateData data, StringBuilder output);
    }

    private interface IExpr
    {
        object? Eval(TemplateData data, object? piped, bool hasPiped);
    }

    private sealed record TextNode(string Text) : INode
    {
        public void Render(TemplateData data, StringBuilder output) => output.Append(Text);
    }

    private sealed record ActionNode(Pipeline Pipeline) : INode
    {
        public void Render(TemplateData data, StringBuilder output) => output.Append(Print(Pipeline.Eval(data)));
    }

    private sealed record IfNode(Pipeline Condition, List<INode> Then, List<INode> Else) : INode
    {
        public void Render(TemplateData data, StringBuilder output)
        {
            foreach (var node in Truthy(Condition.Eval(data)) ? Then : Else)
            {
                node.Render(data, output);
            }
        }
    }

    private sealed record Pipeline(List<Command> Commands)
    {
        public object? Eval(TemplateData data)
        {
            object? value = null;
            var has = false;
            foreach (var c in Commands)
            {
                value = c.Eval(data, value, has);
                has = true;
            }

            return value;
        }
    }

    private sealed record Command(List<IExpr> Args)
    {
        public object? Eval(TemplateData data, object? piped, bool hasPiped)
        {
            if (Args[0] is FunctionExpr f)
            {
                var args = new List<object?>();
                for (var i = 1; i < Args.Count; i++)
                {
                    args.Add(Args[i].Eval(data, null, false));
                }

                if (hasPiped)
                {
                    args.Add(piped);
                }

                return f.Call(args);
            }

            if (Args.Count > 1 || hasPiped)
            {
                throw new TemplateExecutionException("a non-function value cannot take arguments");
            }

            return Args[0].Eval(data, null, false);
        }
    }

    private sealed record LiteralExpr(object? Value) : IExpr
    {
        public object? Eval(TemplateData data, object? piped, bool hasPiped) => Value;
    }

    private sealed record PipelineExpr(Pipeline Pipeline) : IExpr
    {
        public object? Eval(TemplateData data, object? piped, bool hasPiped) => Pipeline.Eval(data);
    }

    private sealed record FieldExpr(string[] Path) : IExpr
    {
        public object? Eval(TemplateData data, object? piped, bool hasPiped)
        {
            object? top = Path[0] switch
            {
                "Name" => data.Name,
                "Namespace" => data.Namespace,
                "Kind" => data.Kind,
                "APIVersion" => data.ApiVersion,
                "Labels" => data.Labels,
                _ => data.Annotations,
            };
            if (Path.Length == 1)
            {
                return top;
            }

            var map = (IReadOnlyDictionary<string, string>)top;
            return map.TryGetValue(Path[1], out var v) ? v : string.Empty;
        }
    }

    private sealed record FunctionExpr(string Name) : IExpr
    {
        public object? Eval(TemplateData data, object? piped, bool hasPiped) => Call(hasPiped ? [piped] : []);

        public object? Call(List<object?> a)
        {
            switch (Name)
            {
                case "index":
                    Arity(a, 2);
                    if (a[0] is IReadOnlyDictionary<string, string> m)
                    {
                        return m.TryGetValue(Str(a[1]), out var v) ? v : string.Empty;
                    }

                    throw new TemplateExecutionException("index: the first argument must be .Labels or .Annotations");
                case "hasKey":
                    Arity(a, 2);
                    return a[0] is IReadOnlyDictionary<string, string> hm
                        ? hm.ContainsKey(Str(a[1]))
                        : throw new TemplateExecutionException("hasKey: the first argument must be .Labels or .Annotations");
                case "toLower":
                    Arity(a, 1);
                    return Str(a[0]).ToLowerInvariant();
                case "trim":
                    Arity(a, 1);
                    return Str(a[0]).Trim();
                case "trimPrefix":
                    Arity(a, 2);
                    {
                        var s = Str(a[1]);
                        var p = Str(a[0]);
                        return p.Length > 0 && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s;
                    }

                case "trimSuffix":
                    Arity(a, 2);
                    {
                        var s = Str(a[1]);
                        var p = Str(a[0]);
                        return p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s;
                    }

                case "replace":
                    Arity(a, 3);
                    return Str(a[0]).Length == 0 ? Str(a[2]) : Str(a[2]).Replace(Str(a[0]), Str(a[1]), StringComparison.Ordinal);
                case "contains":
                    Arity(a, 2);
                    return Str(a[0]).Contains(Str(a[1]), StringComparison.Ordinal);
                case "isIPv4":
                    Arity(a, 1);
                    return Core.Endpoints.RecordTypes.ForTarget(Str(a[0])) == Core.Endpoints.RecordTypes.A;
                case "isIPv6":
                    Arity(a, 1);
                    return Core.Endpoints.RecordTypes.ForTarget(Str(a[0])) == Core.Endpoints.RecordTypes.AAAA;
                case "eq":
                    if (a.Count < 2)
                    {
                        throw new TemplateExecutionException("eq: needs at least two arguments");
                    }

                    return a.Skip(1).Any(x => Equals(Print(a[0]), Print(x)));
                case "ne":
                    Arity(a, 2);
                    return !Equals(Print(a[0]), Print(a[1]));
                case "not":
                    Arity(a, 1);
                    return !Truthy(a[0]);
                case "and":
                    if (a.Count == 0)
                    {
                        throw new TemplateExecutionException("and: needs arguments");
                    }

                    foreach (var x in a)
                    {
                        if (!Truthy(x))
                        {
                            return x;
                        }
                    }

                    return a[^1];
                case "or":
                    if (a.Count == 0)
                    {
                        throw new TemplateExecutionException("or: needs arguments");
                    }

                    foreach (var x in a)
                    {
                        if (Truthy(x))
                        {
                            return x;
                        }
                    }

                    return a[^1];
                case "len":
                    Arity(a, 1);
                    return a[0] switch
                    {
                        string s => (long)s.Length,
                        IReadOnlyDictionary<string, string> lm => (long)lm.Count,
                        _ => throw new TemplateExecutionException("len: argument has no length"),
                    };
                default:
                    return Printf(a);
            }
        }

        private static string Printf(List<object?> a)
        {
            if (a.Count == 0)
            {
                throw new TemplateExecutionException("printf: needs a format");
            }

            var format = Str(a[0]);
            var sb = new StringBuilder();
            var next = 1;
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] != '%' || i + 1 >= format.Length)
                {
                    sb.Append(format[i]);
                    continue;
                }

                var verb = format[++i];
                if (verb == '%')
                {
                    sb.Append('%');
                    continue;
                }

                if (verb is not ('s' or 'v' or 'd'))
                {
                    throw new TemplateExecutionException($"printf: verb %{verb} is not supported (use %s, %v or %d)");
                }

                sb.Append(next < a.Count ? Print(a[next++]) : "%!" + verb + "(MISSING)");
            }

            return sb.ToString();
        }

        private void Arity(List<object?> a, int n)
        {
            if (a.Count != n)
            {
                throw new TemplateExecutionException($"{Name}: wrong number of arguments: want {n}, got {a.Count}");
            }
        }

        private static string Str(object? v) => v switch
        {
            string s => s,
            null => string.Empty,
            IReadOnlyDictionary<string, string> => throw new TemplateExecutionException("expected a string, got a map"),
            _ => Print(v),
        };
    }

    private sealed class Parser(string text)
    {
        private int _pos;
        private bool _trimNextText;

        public List<INode> ParseList(out string? terminator)
        {
            var nodes = new List<INode>();
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
                    nodes.Add(new TextNode(literal));
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
                        nodes.Add(new ActionNode(ParsePipeline(tokens)));
                        break;
                }
            }

            terminator = null;
            return nodes;
        }

        private List<string>? _elseIfTokens;

        private IfNode ParseIf(List<string> conditionTokens)
        {
            var condition = ParsePipeline(conditionTokens);
            var then = ParseList(out var terminator);
            switch (terminator)
            {
                case "end":
                    return new IfNode(condition, then, []);
                case "else":
                    {
                        var otherwise = ParseList(out var t2);
                        if (t2 != "end")
                        {
                            throw new FormatException($"{{{{if}}}} without {{{{end}}}} in template \"{text}\"");
                        }

                        return new IfNode(condition, then, otherwise);
                    }

                case "else if":
                    {
                        var nested = ParseIf(_elseIfTokens!);
                        return new IfNode(condition, then, [nested]);
                    }

                default:
                    throw new FormatException($"{{{{if}}}} without {{{{end}}}} in template \"{text}\"");
            }
        }

        private Pipeline ParsePipeline(List<string> tokens)
        {
            var pos = 0;
            var p = ParsePipelineAt(tokens, ref pos);
            if (pos != tokens.Count)
            {
                throw new FormatException($"unexpected '{tokens[pos]}' in template \"{text}\"");
            }

            return p;
        }

        private Pipeline ParsePipelineAt(List<string> tokens, ref int pos)
        {
            var commands = new List<Command>();
            var args = new List<IExpr>();
            while (pos < tokens.Count && tokens[pos] != ")")
            {
                var t = tokens[pos];
                if (t == "|")
                {
                    if (args.Count == 0)
                    {
                        throw new FormatException($"missing command before '|' in template \"{text}\"");
                    }

                    commands.Add(new Command(args));
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
                    args.Add(new PipelineExpr(inner));
                    continue;
                }

                args.Add(ParseOperand(t));
                pos++;
            }

            if (args.Count == 0)
            {
                throw new FormatException($"missing value in template \"{text}\"");
            }

            commands.Add(new Command(args));
            for (var i = 1; i < commands.Count; i++)
            {
                if (commands[i].Args[0] is not FunctionExpr)
                {
                    throw new FormatException($"only a function can follow '|' in template \"{text}\"");
                }
            }

            return new Pipeline(commands);
        }

        private IExpr ParseOperand(string t)
        {
            if (t[0] == '"' || t[0] == '`')
            {
                return new LiteralExpr(t[1..^1]);
            }

            if (t is "true" or "false")
            {
                return new LiteralExpr(t == "true");
            }

            if (t == "nil")
            {
                return new LiteralExpr(null);
            }

            if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                return new LiteralExpr(n);
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

                return new FieldExpr(path);
            }

            if (Functions.Contains(t, StringComparer.Ordinal))
            {
                return new FunctionExpr(t);
            }

            throw Unsupported($"function \"{t}\"");
        }

        private FormatException Unsupported(string what) => new(
            $"{what} is not supported in template \"{text}\"; supported: fields .{string.Join(", .", TopFields)} (and .Labels.key, .Annotations.key), "
            + $"functions {string.Join(", ", Functions)}, if/else/end");

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
}
