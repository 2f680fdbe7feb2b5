using System.Text.RegularExpressions;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// A parsed <c>labelSelector</c>: comma-separated requirements <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) and <c>!k</c> (does not exist), all of which must hold.
/// A syntax error throws a 400 <see cref="KubeApiException"/> as the real server answers.
/// </summary>
public sealed partial class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        var i = 0;
        while (i < text.Length)
        {
            requirements.Add(ParseRequirement(text, ref i));
            SkipSpaces(text, ref i);
            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    throw Error(text, $"found '{text[i]}', expected: ','");
                }

                i++;
                SkipSpaces(text, ref i);
                if (i >= text.Length)
                {
                    throw Error(text, "found '', expected: identifier after ','");
                }
            }
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var r in _requirements)
        {
            var has = labels.TryGetValue(r.Key, out var value);
            var ok = r.Op switch
            {
                Operator.Equals => has && value == r.Values[0],
                Operator.NotEquals => !has || value != r.Values[0],
                Operator.In => has && r.Values.Contains(value!),
                Operator.NotIn => !has || !r.Values.Contains(value!),
                Operator.Exists => has,
                _ => !has,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => string.Join(",", _requirements.Select(r => r.Op switch
    {
        Operator.Equals => $"{r.Key}={r.Values[0]}",
        Operator.NotEquals => $"{r.Key}!={r.Values[0]}",
        Operator.In => $"{r.Key} in ({string.Join(",", r.Values)})",
        Operator.NotIn => $"{r.Key} notin ({string.Join(",", r.Values)})",
        Operator.Exists => r.Key,
        _ => "!" + r.Key,
    }));

    private static Requirement ParseRequirement(string text, ref int i)
    {
        SkipSpaces(text, ref i);
        if (i < text.Length && text[i] == '!')
        {
            i++;
            SkipSpaces(text, ref i);
            return new Requirement(ReadKey(text, ref i), Operator.DoesNotExist, []);
        }

        var key = ReadKey(text, ref i);
        SkipSpaces(text, ref i);
        if (i >= text.Length || text[i] == ',')
        {
            return new Requirement(key, Operator.Exists, []);
        }

        if (text[i] == '=' || text[i] == '!')
        {
            var op = Operator.Equals;
            if (text[i] == '!')
            {
                op = Operator.NotEquals;
                i++;
                if (i >= text.Length || text[i] != '=')
                {
                    throw Error(text, "expected '=' after '!'");
                }
            }

            i++;
            if (op == Operator.Equals && i < text.Length && text[i] == '=')
            {
                i++;
            }

            SkipSpaces(text, ref i);
            return new Requirement(key, op, [ReadValue(text, ref i)]);
        }

        var word = ReadWord(text, ref i);
        var setOp = word switch
        {
            "in" => Operator.In,
            "notin" => Operator.NotIn,
            _ => throw Error(text, $"found '{word}', expected: in, notin, =, ==, !=, or end of string"),
        };
        SkipSpaces(text, ref i);
        if (i >= text.Length || text[i] != '(')
        {
            throw Error(text, "found end of string, expected: '('");
        }

        i++;
        var values = new List<string>();
        while (true)
        {
            SkipSpaces(text, ref i);
            values.Add(ReadValue(text, ref i));
            SkipSpaces(text, ref i);
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i < text.Length && text[i] == ')')
            {
                i++;
                break;
            }

            throw Error(text, "expected ',' or ')'");
        }

        return new Requirement(key, setOp, values);
    }

    private static string ReadKey(string text, ref int i)
    {
        var key = ReadWord(text, ref i);
        if (!KeyPattern().IsMatch(key))
        {
            throw Error(text, $"invalid label key \"{key}\"");
        }

        return key;
    }

    private static string ReadValue(string text, ref int i)
    {
        var value = ReadWord(text, ref i);
        if (value.Length > 0 && !ValuePattern().IsMatch(value))
        {
            throw Error(text, $"invalid label value: \"{value}\"");
        }

        return value;
    }

    private static string ReadWord(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (',' or '=' or '!' or '(' or ')'))
        {
            i++;
        }

        return text[start..i];
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static KubeApiException Error(string text, string message) =>
        KubeApiException.BadRequest($"unable to parse requirement: {message} (selector \"{text}\")");

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex ValuePattern();

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values);
}
