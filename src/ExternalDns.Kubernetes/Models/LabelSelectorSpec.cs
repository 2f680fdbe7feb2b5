namespace ExternalDns.Kubernetes.Models;

/// <summary>A metav1.LabelSelector as it appears in objects: <c>matchLabels</c> and <c>matchExpressions</c>.</summary>
public sealed class LabelSelectorSpec
{
    public Dictionary<string, string>? MatchLabels { get; set; }

    public List<LabelSelectorRequirementSpec>? MatchExpressions { get; set; }
}
