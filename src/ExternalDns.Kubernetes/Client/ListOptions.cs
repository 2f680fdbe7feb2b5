namespace ExternalDns.Kubernetes.Client;

/// <summary>Query parameters of a list call.</summary>
public sealed class ListOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    /// <summary>Page size (<c>limit</c>); 0 = no pagination. The client follows <c>continue</c> until the last page.</summary>
    public int PageSize { get; init; } = 500;

    /// <summary><c>resourceVersion</c>: empty = a consistent (quorum) read, <c>"0"</c> = any cached version.</summary>
    public string? ResourceVersion { get; init; }
}
