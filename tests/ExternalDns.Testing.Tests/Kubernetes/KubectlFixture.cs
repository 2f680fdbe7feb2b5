using System.Text.Json.Nodes;
using ExternalDns.Testing.Kubernetes;

namespace ExternalDns.Testing.Tests.Kubernetes;

/// <summary>One emulator and one kubectl configuration shared by a test class; each test works in its own namespace.</summary>
public sealed class KubectlFixture : IAsyncLifetime
{
    public KubeApiServer Server { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await KubeApiServer.StartAsync();
        Kubectl = new Kubectl(Server);
    }

    public async Task DisposeAsync()
    {
        Kubectl.Dispose();
        await Server.DisposeAsync();
    }

    public string NewNamespace(string prefix)
    {
        var name = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        Server.Put("namespaces", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
        return name;
    }
}
