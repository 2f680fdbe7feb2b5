namespace ExternalDns.Kubernetes.Sources;

/// <summary>Commands joined with <c>|</c>: each command's value is passed as the last argument of the next.</summary>
internal sealed record TemplatePipeline(List<TemplateCommand> Commands)
{
    public object? Eval(TemplateData data)
    {
        object? value = null;
        var has = false;
        foreach (var c in Commands)
        {
            value = c.Eval(data, value, has);
            has = true;
        }

        return value;
    }
}
