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
    private readonly List<ITemplateNode> _nodes;

    private FqdnTemplate(string text, List<ITemplateNode> nodes)
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
        var parser = new TemplateParser(text);
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
}
