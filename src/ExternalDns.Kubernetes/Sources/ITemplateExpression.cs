namespace ExternalDns.Kubernetes.Sources;

/// <summary>An operand of a <see cref="TemplateCommand"/>: a literal, a field, a function or a parenthesised pipeline.</summary>
internal interface ITemplateExpression
{
    object? Eval(TemplateData data, object? piped, bool hasPiped);
}
