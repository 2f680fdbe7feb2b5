using System.Text.Json;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>The uid is kept compactly when canonical, and reads back exactly as it was decoded in every case.</summary>
public class ObjectMetaUidTests
{
    [Theory]
    [InlineData("00000002-0000-4267-8009-17c70448caa9")]
    [InlineData("0000000A-0000-4267-8009-17C70448CAA9")] // upper case: kept as text
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("{00000002-0000-4267-8009-17c70448caa9}")]
    [InlineData("not-a-uid")]
    [InlineData("")]
    [InlineData(null)]
    public void Reads_back_exactly_what_was_set(string? uid)
    {
        var meta = new ObjectMeta { Uid = uid };
        Assert.Equal(uid, meta.Uid);
        meta.Uid = "other";
        Assert.Equal("other", meta.Uid);
        meta.Uid = uid;
        Assert.Equal(uid, meta.Uid);
    }

    [Fact]
    public void Decodes_and_encodes_the_uid_unchanged()
    {
        var svc = JsonSerializer.Deserialize(
            """{"metadata":{"name":"web","namespace":"default","uid":"6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}}""",
            KubernetesJsonContext.Default.Service)!;
        Assert.Equal("6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", svc.Metadata.Uid);
        Assert.Contains("\"uid\":\"6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\"", JsonSerializer.Serialize(svc, KubernetesJsonContext.Default.Service), StringComparison.Ordinal);
    }
}
