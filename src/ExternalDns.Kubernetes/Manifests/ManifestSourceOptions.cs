namespace ExternalDns.Kubernetes.Manifests;

/// <summary>Options of the manifest source.</summary>
public sealed class ManifestSourceOptions
{
    /// <summary>
    /// <c>--manifest-path</c> (repeatable): a file, or a directory read recursively for <c>*.yaml</c>, <c>*.yml</c>
    /// and <c>*.json</c> in ordinal path order. Entries whose name starts with '.' are skipped, which also skips the
    /// <c>..data</c>/<c>..2024_…</c> links of a ConfigMap volume (their files are reached through the visible links).
    /// </summary>
    public IList<string> Paths { get; set; } = [];

    /// <summary>
    /// When true (the default), a file that is not valid YAML/JSON makes the view incomplete, like an unreadable file:
    /// the objects it held are unknown, so their records must not be deleted. When false it is only a warning.
    /// </summary>
    public bool SyntaxErrorMakesIncomplete { get; set; } = true;
}
