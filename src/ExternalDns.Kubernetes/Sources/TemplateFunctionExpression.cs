namespace ExternalDns.Kubernetes.Sources;

/// <summary>A call of one of <see cref="TemplateFunctions.Names"/>.</summary>
internal sealed record TemplateFunctionExpression(string Name) : ITemplateExpression
{
    public object? Eval(TemplateData data, object? piped, bool hasPiped) => Call(hasPiped ? [piped] : []);

    public object? Call(List<object?> a) => TemplateFunctions.Call(Name, a);
}
