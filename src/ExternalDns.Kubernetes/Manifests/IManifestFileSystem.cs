namespace ExternalDns.Kubernetes.Manifests;

/// <summary>The file access the manifest source needs (a seam so tests can simulate unreadable files).</summary>
public interface IManifestFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>All files below <paramref name="directory"/>, recursively. May throw <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    IEnumerable<string> EnumerateFiles(string directory);

    Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken);
}
