using System.Text;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Kubernetes;

/// <summary>
/// A parsed <c>fieldSelector</c>: comma-separated <c>path=value</c>, <c>path==value</c> or <c>path!=value</c>
/// (backslash escapes <c>\,</c> <c>\=</c> <c>\\</c>). Any dotted path of the object is accepted
/// (<c>metadata.name</c>, <c>metadata.namespace</c>, <c>spec.nodeName</c>, <c>status.phase</c>, …); a missing
/// field compares as the empty string.
/// </summary>
public sealed class FieldSelector
{
    private readonly List<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string Path, bool Equal, string Value)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => _terms.Count == 0;

    /// <summary>The name the selector pins with <c>metadata.name=</c>, if any.</summary>
    public string? RequiredName => _terms.FirstOrDefault(t => t.Equal && t.Path == "metadata.name").Value;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var term in SplitUnescaped(text, ','))
        {
            var (path, equal, value) = ParseTerm(term, text);
            terms.Add((path, equal, value));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, equal, value) in _terms)
        {
            var actual = KubeJson.PathValue(obj, path) ?? string.Empty;
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static (string Path, bool Equal, string Value) ParseTerm(string term, string whole)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }

            if (term[i] == '!' && i + 1 < term.Length && term[i + 1] == '=')
            {
                return (term[..i].Trim(), false, Unescape(term[(i + 2)..]));
            }

            if (term[i] == '=')
            {
                var valueStart = i + 1 < term.Length && term[i + 1] == '=' ? i + 2 : i + 1;
                return (term[..i].Trim(), true, Unescape(term[valueStart..]));
            }
        }

        throw KubeApiException.BadRequest($"invalid field selector: '{term}': no operator in \"{whole}\"");
    }

    private static IEnumerable<string> SplitUnescaped(string text, char separator)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == separator)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static string Unescape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            sb.Append(value[i]);
        }

        return sb.ToString();
    }
}
