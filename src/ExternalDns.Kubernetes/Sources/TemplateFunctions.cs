using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>The function library of <see cref="FqdnTemplate"/>: <c>index</c>, <c>hasKey</c>, string, IP, comparison and logic functions, <c>len</c> and <c>printf</c>.</summary>
internal static class TemplateFunctions
{
    /// <summary>The names a template may call, in the order the "not supported" message lists them.</summary>
    public static readonly string[] Names = ["index", "hasKey", "toLower", "trim", "trimPrefix", "trimSuffix", "replace", "contains", "isIPv4", "isIPv6", "eq", "ne", "not", "and", "or", "len", "printf"];

    /// <summary>Calls function <paramref name="name"/> (one of <see cref="Names"/>) with arguments <paramref name="a"/> (a piped value comes last).</summary>
    public static object? Call(string name, List<object?> a)
    {
        switch (name)
        {
            case "index":
                Arity(name, a, 2);
                if (a[0] is IReadOnlyDictionary<string, string> m)
                {
                    return m.TryGetValue(Str(a[1]), out var v) ? v : string.Empty;
                }

                throw new TemplateExecutionException("index: the first argument must be .Labels or .Annotations");
            case "hasKey":
                Arity(name, a, 2);
                return a[0] is IReadOnlyDictionary<string, string> hm
                    ? hm.ContainsKey(Str(a[1]))
                    : throw new TemplateExecutionException("hasKey: the first argument must be .Labels or .Annotations");
            case "toLower":
                Arity(name, a, 1);
                return Str(a[0]).ToLowerInvariant();
            case "trim":
                Arity(name, a, 1);
                return Str(a[0]).Trim();
            case "trimPrefix":
                Arity(name, a, 2);
                {
                    var s = Str(a[1]);
                    var p = Str(a[0]);
                    return p.Length > 0 && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s;
                }

            case "trimSuffix":
                Arity(name, a, 2);
                {
                    var s = Str(a[1]);
                    var p = Str(a[0]);
                    return p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s;
                }

            case "replace":
                Arity(name, a, 3);
                return Str(a[0]).Length == 0 ? Str(a[2]) : Str(a[2]).Replace(Str(a[0]), Str(a[1]), StringComparison.Ordinal);
            case "contains":
                Arity(name, a, 2);
                return Str(a[0]).Contains(Str(a[1]), StringComparison.Ordinal);
            case "isIPv4":
                Arity(name, a, 1);
                return Core.Endpoints.RecordTypes.ForTarget(Str(a[0])) == Core.Endpoints.RecordTypes.A;
            case "isIPv6":
                Arity(name, a, 1);
                return Core.Endpoints.RecordTypes.ForTarget(Str(a[0])) == Core.Endpoints.RecordTypes.AAAA;
            case "eq":
                if (a.Count < 2)
                {
                    throw new TemplateExecutionException("eq: needs at least two arguments");
                }

                return a.Skip(1).Any(x => Equals(TemplateValues.Print(a[0]), TemplateValues.Print(x)));
            case "ne":
                Arity(name, a, 2);
                return !Equals(TemplateValues.Print(a[0]), TemplateValues.Print(a[1]));
            case "not":
                Arity(name, a, 1);
                return !TemplateValues.Truthy(a[0]);
            case "and":
                if (a.Count == 0)
                {
                    throw new TemplateExecutionException("and: needs arguments");
                }

                foreach (var x in a)
                {
                    if (!TemplateValues.Truthy(x))
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
                    if (TemplateValues.Truthy(x))
                    {
                        return x;
                    }
                }

                return a[^1];
            case "len":
                Arity(name, a, 1);
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

            sb.Append(next < a.Count ? TemplateValues.Print(a[next++]) : "%!" + verb + "(MISSING)");
        }

        return sb.ToString();
    }

    private static void Arity(string name, List<object?> a, int n)
    {
        if (a.Count != n)
        {
            throw new TemplateExecutionException($"{name}: wrong number of arguments: want {n}, got {a.Count}");
        }
    }

    private static string Str(object? v) => v switch
    {
        string s => s,
        null => string.Empty,
        IReadOnlyDictionary<string, string> => throw new TemplateExecutionException("expected a string, got a map"),
        _ => TemplateValues.Print(v),
    };
}
