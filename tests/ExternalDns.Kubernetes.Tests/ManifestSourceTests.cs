using ExternalDns.Testing;
using ExternalDns.Kubernetes.Manifests;
using ExternalDns.Kubernetes.Sources;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Kubernetes.Tests;

public sealed class ManifestSourceTests : IDisposable
{
    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations: {external-dns.kubernetes.io/hostname: web.example.org}
        spec: {type: LoadBalancer}
        status: {loadBalancer: {ingress: [{ip: 192.0.2.1}]}}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("manifest-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Missing_path_makes_the_result_incomplete_but_still_maps_the_rest()
    {
        var file = Path.Combine(_dir, "web.yaml");
        await File.WriteAllTextAsync(file, Service);
        var missing = Path.Combine(_dir, "nope.yaml");
        var source = new ManifestSource(new ManifestSourceOptions { Paths = [file, missing] }, new MappingOptions(), new ListLogger<ManifestSource>());

        var result = await source.EndpointsAsync(CancellationToken.None);

        Assert.False(result.IsComplete);
        Assert.Contains(missing, result.IncompleteReason, StringComparison.Ordinal);
        Assert.Equal("web.example.org IN A 192.0.2.1", Assert.Single(result.Endpoints).ToString());
    }

    [Fact]
    public async Task Unreadable_file_makes_the_result_incomplete_and_names_the_file()
    {
        var fs = new FakeFileSystem
        {
            Files = { ["/m/a.yaml"] = Service, ["/m/b.yaml"] = null },
        };
        var source = new ManifestSource(new ManifestSourceOptions { Paths = ["/m"] }, new MappingOptions(), new ListLogger<ManifestSource>(), fs);

        var result = await source.EndpointsAsync(CancellationToken.None);

        Assert.False(result.IsComplete);
        Assert.Equal("cannot read manifest file '/m/b.yaml': Access to the path '/m/b.yaml' is denied.", result.IncompleteReason);
        Assert.Single(result.Endpoints);
    }

    [Fact]
    public async Task Directory_listing_failure_makes_the_result_incomplete()
    {
        var fs = new FakeFileSystem { ListingFails = true, Directories = { "/m" } };
        var source = new ManifestSource(new ManifestSourceOptions { Paths = ["/m"] }, new MappingOptions(), new ListLogger<ManifestSource>(), fs);
        var result = await source.EndpointsAsync(CancellationToken.None);
        Assert.False(result.IsComplete);
        Assert.StartsWith("cannot list manifest directory '/m'", result.IncompleteReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_error_is_only_a_warning_when_configured()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.yaml"), "a: [unclosed");
        await File.WriteAllTextAsync(Path.Combine(_dir, "good.yaml"), Service);
        var options = new ManifestSourceOptions { Paths = [_dir], SyntaxErrorMakesIncomplete = false };
        var collection = await new ManifestSource(options, new MappingOptions(), new ListLogger<ManifestSource>()).CollectAsync(CancellationToken.None);

        Assert.True(collection.Result.IsComplete);
        Assert.Contains("is not valid YAML", Assert.Single(collection.FileWarnings).Message, StringComparison.Ordinal);
        Assert.Single(collection.Result.Endpoints);
    }

    [Fact]
    public async Task Warnings_are_logged_with_file_and_resource()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "a.yaml"), Service.Replace("hostname: web.example.org}", "hostname: web.example.org, external-dns.kubernetes.io/ttl: abc}", StringComparison.Ordinal) + "\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");
        var logger = new ListLogger<ManifestSource>();
        await new ManifestSource(new ManifestSourceOptions { Paths = [_dir] }, new MappingOptions(), logger).EndpointsAsync(CancellationToken.None);

        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("document 2", StringComparison.Ordinal) && e.Message.Contains("kind Secret", StringComparison.Ordinal));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Resource service/default/web:", StringComparison.Ordinal) && e.Message.Contains("\"abc\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Name_is_manifest_and_options_are_validated()
    {
        var file = Path.Combine(_dir, "x.yaml");
        Assert.Equal("manifest", new ManifestSource(new ManifestSourceOptions { Paths = [file] }, new MappingOptions(), new ListLogger<ManifestSource>()).Name);
        Assert.Throws<ArgumentException>(() => new ManifestSource(new ManifestSourceOptions(), new MappingOptions(), new ListLogger<ManifestSource>()));
        Assert.Throws<ArgumentException>(() => new ManifestSource(new ManifestSourceOptions { Paths = [file] }, new MappingOptions { AnnotationPrefix = "x" }, new ListLogger<ManifestSource>()));
    }

    [Fact]
    public async Task Files_are_reread_on_every_call()
    {
        var file = Path.Combine(_dir, "web.yaml");
        await File.WriteAllTextAsync(file, Service);
        var source = new ManifestSource(new ManifestSourceOptions { Paths = [file] }, new MappingOptions(), new ListLogger<ManifestSource>());
        Assert.Single((await source.EndpointsAsync(CancellationToken.None)).Endpoints);
        await File.WriteAllTextAsync(file, Service.Replace("192.0.2.1", "192.0.2.7", StringComparison.Ordinal));
        Assert.Equal("192.0.2.7", Assert.Single((await source.EndpointsAsync(CancellationToken.None)).Endpoints).Targets[0]);
    }

    private sealed class FakeFileSystem : IManifestFileSystem
    {
        public Dictionary<string, string?> Files { get; } = [];

        public HashSet<string> Directories { get; } = ["/m"];

        public bool ListingFails { get; init; }

        public bool FileExists(string path) => Files.ContainsKey(path);

        public bool DirectoryExists(string path) => Directories.Contains(path);

        public IEnumerable<string> EnumerateFiles(string directory) =>
            ListingFails ? throw new UnauthorizedAccessException("denied") : Files.Keys.Where(f => f.StartsWith(directory + "/", StringComparison.Ordinal));

        public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken) =>
            Files[path] is { } text ? Task.FromResult(text) : throw new UnauthorizedAccessException($"Access to the path '{path}' is denied.");
    }
}
