using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>Literal text between actions.</summary>
internal sealed record TemplateTextNode(string Text) : ITemplateNode
{
    public void Render(TemplateData data, StringBuilder output) => output.Append(Text);
}
