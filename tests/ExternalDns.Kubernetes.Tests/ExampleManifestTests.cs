using ExternalDns.Testing;
using System.Runtime.CompilerServices;
using ExternalDns.Kubernetes.Manifests;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>The quick-start examples in deploy/examples give exactly the records their README lists, without warnings.</summary>
public sealed class ExampleManifestTests
{
    [Fact]
    public async Task Examples_give_the_documented_records()
    {
        var dir = ExamplesDir();
        Assert.True(Directory.Exists(dir), dir);
        var source = new ManifestSource(new ManifestSourceOptions { Paths = [dir] }, new MappingOptions(), new ListLogger<ManifestSource>());

        var collection = await source.CollectAsync(CancellationToken.None);

        Assert.Empty(collection.FileWarnings);
        Assert.Empty(collection.MappingWarnings);
        Assert.True(collection.Result.IsComplete);
        Assert.Empty(collection.Result.UnresolvedResources);
        string[] expected =
        [
            "api.example.org 300 IN CNAME ingress-nginx.lb.example.com",
            "db-0.db.example.org IN A 10.42.0.11",
            "db-1.db.example.org IN A 10.42.1.12",
            "db.example.org IN A 10.42.0.11;10.42.1.12",
            "docs.example.org 300 IN CNAME ingress-nginx.lb.example.com",
            "ipv6.example.org IN AAAA 2001:db8::25",
            "mail.example.org 3600 IN A 198.51.100.25",
            "shop.example.org 300 IN A 203.0.113.10",
            "status.example.org IN CNAME shop-status.example.com",
            "www.example.org 300 IN A 203.0.113.10",
        ];
        Assert.Equal(expected, collection.Result.Endpoints.Select(e => e.ToString()));
    }

    // The checked-in folder, or the copy in the output folder when the build maps source paths away.
    private static string ExamplesDir([CallerFilePath] string source = "")
    {
        var beside = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source) ?? string.Empty, "..", "..", "deploy", "examples"));
        return Directory.Exists(beside) ? beside : Path.Combine(AppContext.BaseDirectory, "examples");
    }
}
