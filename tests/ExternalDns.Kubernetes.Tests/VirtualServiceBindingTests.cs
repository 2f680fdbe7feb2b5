using ExternalDns.Kubernetes.Models;
using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

/// <summary>Upstream's testVirtualServiceBindsToGateway table (source/istio_virtualservice_test.go).</summary>
public sealed class VirtualServiceBindingTests
{
    [Theory]
    [InlineData("matching host *", "default", "*", "default", null, "foo.bar", true)]
    [InlineData("matching host *.<domain>", "default", "*.foo.bar", "default", null, "baz.foo.bar", true)]
    [InlineData("not matching host *.<domain> (apex)", "default", "*.foo.bar", "default", null, "foo.bar", false)]
    [InlineData("not matching host *.<domain> (label boundary)", "default", "*.foo.bar", "default", null, "bazfoo.bar", false)]
    [InlineData("not matching host *.<domain> (wildcard host)", "default", "*.foo.bar", "default", null, "*foo.bar", false)]
    [InlineData("matching host */*", "default", "*/*", "default", null, "foo.bar", true)]
    [InlineData("matching host <namespace>/*", "istio-system", "myns/*", "myns", null, "foo.bar", true)]
    [InlineData("matching host ./*", "istio-system", "./*", "istio-system", null, "foo.bar", true)]
    [InlineData("not matching host ./*", "istio-system", "./*", "myns", null, "foo.bar", false)]
    [InlineData("not matching host <namespace>/*", "istio-system", "myns/*", "otherns", null, "foo.bar", false)]
    [InlineData("matching exportTo *", "istio-system", "*", "otherns", "*", "foo.bar", true)]
    [InlineData("matching exportTo <namespace>", "istio-system", "*", "otherns", "istio-system", "foo.bar", true)]
    [InlineData("not matching exportTo <namespace>", "istio-system", "*", "otherns", "myns", "foo.bar", false)]
    [InlineData("not matching exportTo .", "istio-system", "*", "otherns", ".", "foo.bar", false)]
    [InlineData("invalid server host a/b/c is skipped", "default", "a/b/c", "default", null, "c", false)]
    public void BindsToGateway_as_upstream(string description, string gatewayNamespace, string serverHost, string vsNamespace, string? exportTo, string host, bool expected)
    {
        var gateway = new IstioGateway { Metadata = new ObjectMeta { Name = "gw", Namespace = gatewayNamespace } };
        gateway.Spec.Servers = [new IstioServer { Hosts = [serverHost] }];
        var vs = new VirtualService { Metadata = new ObjectMeta { Name = "vs", Namespace = vsNamespace } };
        vs.Spec.ExportTo = exportTo is null ? null : [exportTo];

        Assert.True(VirtualServiceMapper.BindsToGateway(vs, gateway, host) == expected, description);
    }
}
