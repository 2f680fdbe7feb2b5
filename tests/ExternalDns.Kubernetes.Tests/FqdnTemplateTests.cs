using ExternalDns.Kubernetes.Sources;

namespace ExternalDns.Kubernetes.Tests;

public sealed class FqdnTemplateTests
{
    private static readonly TemplateData Data = new(
        "web",
        "shop",
        "Service",
        "v1",
        new Dictionary<string, string> { ["team"] = "Payments", ["env"] = "prod" },
        new Dictionary<string, string> { ["dns/name"] = "custom", ["ip"] = "2001:db8::1" });

    [Theory]
    [InlineData("{{.Name}}.example.org", "web.example.org")]
    [InlineData("{{ .Name }}.{{ .Namespace }}.example.org", "web.shop.example.org")]
    [InlineData("{{.Name}}.example.org.", "web.example.org")]
    [InlineData("{{.Name}}.a.org, {{.Namespace}}.b.org", "shop.b.org,web.a.org")]
    [InlineData("{{.Name}}.a.org,{{.Name}}.a.org", "web.a.org")]
    [InlineData("{{ index .Labels \"team\" | toLower }}.example.org", "payments.example.org")]
    [InlineData("{{ .Labels.env }}.example.org", "prod.example.org")]
    [InlineData("{{ index .Annotations \"dns/name\" }}.example.org", "custom.example.org")]
    [InlineData("{{ index .Labels \"missing\" }}x.example.org", "x.example.org")]
    [InlineData("{{ .Kind | toLower }}-{{ .Name }}.example.org", "service-web.example.org")]
    [InlineData("{{ if eq .Namespace \"shop\" }}{{ .Name }}.shop.example.org{{ else }}{{ .Name }}.example.org{{ end }}", "web.shop.example.org")]
    [InlineData("{{ if eq .Namespace \"x\" }}a.org{{ else if hasKey .Labels \"env\" }}b.org{{ else }}c.org{{ end }}", "b.org")]
    [InlineData("{{ if hasKey .Labels \"nope\" }}a.org{{ end }}", "")]
    [InlineData("{{ trimPrefix \"w\" .Name }}.example.org", "eb.example.org")]
    [InlineData("{{ trimSuffix \"b\" .Name }}.example.org", "we.example.org")]
    [InlineData("{{ replace \"e\" \"3\" .Name }}.example.org", "w3b.example.org")]
    [InlineData("{{ printf \"%s-%s\" .Name .Namespace }}.example.org", "web-shop.example.org")]
    [InlineData("{{ if isIPv6 (index .Annotations \"ip\") }}v6.example.org{{ end }}", "v6.example.org")]
    [InlineData("{{ if and (contains .Name \"we\") (not (eq .Kind \"Ingress\")) }}ok.example.org{{ end }}", "ok.example.org")]
    [InlineData("{{- .Name -}} .example.org", "web.example.org")]
    [InlineData("{{/* comment */}}{{ .Name }}.example.org", "web.example.org")]
    public void Executes(string template, string expected) =>
        Assert.Equal(expected, string.Join(',', FqdnTemplate.Parse(template).Execute(Data)));

    [Theory]
    [InlineData("{{ .Spec.ClusterIP }}.example.org", "field .Spec")]
    [InlineData("{{ range .Labels }}x{{ end }}", "{{range}}")]
    [InlineData("{{ with .Name }}x{{ end }}", "{{with}}")]
    [InlineData("{{ $x := .Name }}", "variable")]
    [InlineData("{{ upper .Name }}", "function \"upper\"")]
    [InlineData("{{ .Labels.a.b }}", "field .Labels.a.b")]
    [InlineData("{{ .Name ", "unclosed action")]
    [InlineData("{{ if .Name }}x", "without {{end}}")]
    [InlineData("{{ end }}", "unexpected {{end}}")]
    public void Rejects_unsupported_templates_clearly(string template, string fragment)
    {
        var e = Assert.Throws<FormatException>(() => FqdnTemplate.Parse(template));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_errors_surface_at_execution()
    {
        var t = FqdnTemplate.Parse("{{ index .Name \"x\" }}");
        Assert.Throws<TemplateExecutionException>(() => t.Execute(Data));
    }

    [Fact]
    public void Several_templates_are_joined_with_commas() =>
        Assert.Equal(["a.org", "web.b.org"], FqdnTemplate.Parse(["a.org", "{{.Name}}.b.org"]).Execute(Data));
}
