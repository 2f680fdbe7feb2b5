using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

public sealed class AnnotationReaderTests
{
    [Theory]
    [InlineData("300", 300L)]
    [InlineData("1", 1L)]
    [InlineData("2147483647", 2147483647L)]
    [InlineData("5m", 300L)]
    [InlineData("1h30m", 5400L)]
    [InlineData("1.5h", 5400L)]
    [InlineData("90s", 90L)]
    [InlineData("1500ms", 1L)]
    [InlineData("+10s", 10L)]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData("-5m", null)]
    [InlineData("500ms", null)]
    [InlineData("2147483648", null)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    [InlineData("5 m", null)]
    [InlineData("5d", null)]
    [InlineData("10.5", null)]
    public void ParseTtl_follows_upstream(string value, long? expected)
    {
        var ttl = AnnotationReader.ParseTtl(value, out var error);
        Assert.Equal(expected, ttl);
        Assert.Equal(expected is null, error is not null);
    }

    [Fact]
    public void New_prefix_wins_over_legacy_and_legacy_is_read_when_alone()
    {
        var reader = new AnnotationReader();
        var annotations = new Dictionary<string, string>
        {
            ["external-dns.alpha.kubernetes.io/ttl"] = "60",
            ["external-dns.kubernetes.io/ttl"] = "120",
            ["external-dns.alpha.kubernetes.io/hostname"] = "a.example.org",
        };

        Assert.True(reader.TryGet(annotations, "ttl", out var ttl, out var ttlKey));
        Assert.Equal(("120", "external-dns.kubernetes.io/ttl"), (ttl, ttlKey));
        Assert.True(reader.TryGet(annotations, "hostname", out var host, out var hostKey));
        Assert.Equal(("a.example.org", "external-dns.alpha.kubernetes.io/hostname"), (host, hostKey));
    }

    [Fact]
    public void Legacy_prefix_is_not_read_with_a_custom_prefix_or_when_turned_off()
    {
        var annotations = new Dictionary<string, string> { ["external-dns.alpha.kubernetes.io/hostname"] = "a.example.org" };
        Assert.False(new AnnotationReader("custom.io/").TryGet(annotations, "hostname", out _, out _));
        Assert.False(new AnnotationReader(AnnotationReader.DefaultPrefix, readLegacyPrefix: false).TryGet(annotations, "hostname", out _, out _));
    }

    [Fact]
    public void Prefix_must_end_with_a_slash() =>
        Assert.Throws<ArgumentException>(() => new AnnotationReader("custom.io"));

    [Theory]
    [InlineData("a.example.org", new[] { "a.example.org" })]
    [InlineData(" a.example.org , b.example.org ", new[] { "a.example.org", "b.example.org" })]
    [InlineData("a.example.org,,b.example.org,", new[] { "a.example.org", "b.example.org" })]
    [InlineData("a b.example.org", new[] { "ab.example.org" })]
    [InlineData("", new string[0])]
    public void SplitList_removes_spaces_and_empty_items(string value, string[] expected) =>
        Assert.Equal(expected, AnnotationReader.SplitList(value));

    [Theory]
    [InlineData("external-dns.kubernetes.io/aws-weight", "10", "aws/weight", "10")]
    [InlineData("external-dns.kubernetes.io/aws-evaluate-target-health", "true", "aws/evaluate-target-health", "true")]
    [InlineData("external-dns.kubernetes.io/scw-x", "1", "scw/x", "1")]
    [InlineData("external-dns.kubernetes.io/webhook-x", "1", "webhook/x", "1")]
    [InlineData("external-dns.kubernetes.io/coredns-group", "g", "coredns/group", "g")]
    [InlineData("external-dns.kubernetes.io/azure-tags", "a=b", "azure/tags", "a=b")]
    [InlineData("external-dns.kubernetes.io/alias", "true", "alias", "true")]
    [InlineData("external-dns.kubernetes.io/record-type", "ptr", "record-type", "ptr")]
    [InlineData("external-dns.kubernetes.io/cloudflare-proxied", "true", "external-dns.kubernetes.io/cloudflare-proxied", "true")]
    [InlineData("external-dns.kubernetes.io/cloudflare-tags", "t", "external-dns.kubernetes.io/cloudflare-tags", "t")]
    [InlineData("external-dns.kubernetes.io/cloudflare-record-comment", "c", "external-dns.kubernetes.io/cloudflare-record-comment", "c")]
    [InlineData("external-dns.kubernetes.io/cloudflare-region-key", "eu", "external-dns.kubernetes.io/cloudflare-region-key", "eu")]
    [InlineData("external-dns.kubernetes.io/cloudflare-custom-hostname", "h", "external-dns.kubernetes.io/cloudflare-custom-hostname", "h")]
    [InlineData("external-dns.alpha.kubernetes.io/cloudflare-proxied", "true", "external-dns.kubernetes.io/cloudflare-proxied", "true")]
    public void ProviderSpecific_maps_annotations_as_upstream(string key, string value, string name, string expectedValue)
    {
        var props = new AnnotationReader().ProviderSpecific(new Dictionary<string, string> { [key] = value });
        var p = Assert.Single(props);
        Assert.Equal((name, expectedValue), (p.Name, p.Value));
    }

    [Theory]
    [InlineData("external-dns.kubernetes.io/alias", "false")]
    [InlineData("external-dns.kubernetes.io/alias", "True")]
    [InlineData("external-dns.kubernetes.io/cloudflare-other", "x")]
    [InlineData("external-dns.kubernetes.io/ttl", "60")]
    [InlineData("other.io/aws-weight", "1")]
    public void ProviderSpecific_ignores_other_annotations(string key, string value) =>
        Assert.Empty(new AnnotationReader().ProviderSpecific(new Dictionary<string, string> { [key] = value }));

    [Theory]
    [InlineData(null, false)]
    [InlineData("dns-controller", false)]
    [InlineData("other", true)]
    [InlineData("", true)]
    public void Controller_annotation_skips_unless_dns_controller(string? value, bool mismatch)
    {
        var annotations = new Dictionary<string, string>();
        if (value is not null)
        {
            annotations["external-dns.kubernetes.io/controller"] = value;
        }

        Assert.Equal(mismatch, new AnnotationReader().IsControllerMismatch(annotations));
    }
}
