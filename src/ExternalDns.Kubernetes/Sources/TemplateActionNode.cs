using System.Text;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>An action <c>{{ pipeline }}</c>: writes the printed value of its pipeline.</summary>
internal sealed record TemplateActionNode(TemplatePipeline Pipeline) : ITemplateNode
{
    public void Render(TemplateData data, StringBuilder output) => output.Append(TemplateValues.Print(Pipeline.Eval(data)));
}
