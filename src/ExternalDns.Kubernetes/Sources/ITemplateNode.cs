using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>A piece of a parsed <see cref="FqdnTemplate"/> that writes output: text, an action or an if.</summary>
internal interface ITemplateNode
{
    void Render(TemplateData data, StringBuilder output);
}
