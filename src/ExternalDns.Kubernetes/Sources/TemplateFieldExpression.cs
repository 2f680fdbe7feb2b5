namespace ExternalDns.Kubernetes.Sources;

/// <summary>A field: <c>.Name</c>, <c>.Namespace</c>, <c>.Kind</c>, <c>.APIVersion</c>, <c>.Labels[.key]</c>, <c>.Annotations[.key]</c>.</summary>
internal sealed record TemplateFieldExpression(string[] Path) : ITemplateExpression
{
    public object? Eval(TemplateData data, object? piped, bool hasPiped)
    {
        object? top = Path[0] switch
        {
            "Name" => data.Name,
            "Namespace" => data.Namespace,
            "Kind" => data.Kind,
            "APIVersion" => data.ApiVersion,
            "Labels" => data.Labels,
            _ => data.Annotations,
        };
        if (Path.Length == 1)
        {
            return top;
        }

        var map = (IReadOnlyDictionary<string, string>)top;
        return map.TryGetValue(Path[1], out var v) ? v : string.Empty;
    }
}
