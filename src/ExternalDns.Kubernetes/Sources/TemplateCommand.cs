namespace ExternalDns.Kubernetes.Sources;

/// <summary>One command of a pipeline: a function with its arguments, or a single value.</summary>
internal sealed record TemplateCommand(List<ITemplateExpression> Args)
{
    public object? Eval(TemplateData data, object? piped, bool hasPiped)
    {
        if (Args[0] is TemplateFunctionExpression f)
        {
            var args = new List<object?>();
            for (var i = 1; i < Args.Count; i++)
            {
                args.Add(Args[i].Eval(data, null, false));
            }

            if (hasPiped)
            {
                args.Add(piped);
            }

            return f.Call(args);
        }

        if (Args.Count > 1 || hasPiped)
        {
            throw new TemplateExecutionException("a non-function value cannot take arguments");
        }

        return Args[0].Eval(data, null, false);
    }
}
