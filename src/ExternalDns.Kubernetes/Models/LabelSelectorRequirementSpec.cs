namespace ExternalDns.Kubernetes.Models;

/// <summary>One <c>matchExpressions</c> entry: <c>key</c>, <c>operator</c> (In, NotIn, Exists, DoesNotExist) and <c>values</c>.</summary>
public sealed class LabelSelectorRequirementSpec
{
    public string? Key { get; set; }

    public string? Operator { get; set; }

    public List<string>? Values { get; set; }
}
