namespace ExternalDns.Kubernetes.Sources;

/// <summary>A parenthesised pipeline used as an operand.</summary>
internal sealed record TemplatePipelineExpression(TemplatePipeline Pipeline) : ITemplateExpression
{
    public object? Eval(TemplateData data, object? piped, bool hasPiped) => Pipeline.Eval(data);
}
