using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary><c>{{if}} … {{else}} … {{end}}</c>; an <c>{{else if}}</c> is a nested if in <see cref="Else"/>.</summary>
internal sealed record TemplateIfNode(TemplatePipeline Condition, List<ITemplateNode> Then, List<ITemplateNode> Else) : ITemplateNode
{
    public void Render(TemplateData data, StringBuilder output)
    {
        foreach (var node in TemplateValues.Truthy(Condition.Eval(data)) ? Then : Else)
        {
            node.Render(data, output);
        }
    }
}
