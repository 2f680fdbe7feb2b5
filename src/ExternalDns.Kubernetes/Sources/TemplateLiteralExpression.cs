namespace ExternalDns.Kubernetes.Sources;

/// <summary>A string, number, bool or nil literal.</summary>
internal sealed record TemplateLiteralExpression(object? Value) : ITemplateExpression
{
    public object? Eval(TemplateData data, object? piped, bool hasPiped) => Value;
}
