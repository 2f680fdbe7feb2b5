namespace ExternalDns.Cli.Tests;

/// <summary>The command's exit codes and one-line errors, run in process.</summary>
public class CommandLineTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ExternalDnsApp.RunAsync(args, _ => null, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=manifest --manifest-path=x", "--policy is required")]
    [InlineData("--source=manifest --manifest-path=x --policy=sync", "--provider is required")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --policy=sync", "--source is required")]
    [InlineData("--provider=ovh --source=manifest --manifest-path=x --policy=sync", "--provider=ovh: this provider is not available")]
    [InlineData("--provider=nope --source=manifest --manifest-path=x --policy=sync", "--provider=nope: unknown provider")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=manifest --manifest-path=x --policy=sync --regex-domain-filter=([a-z", "--regex-domain-filter: invalid regular expression")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=manifest --manifest-path=x --policy=sync --annotation-prefix=foo", "--annotation-prefix=\"foo\": must end with '/'")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=manifest --policy=sync", "--manifest-path is required")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=manifest --manifest-path=x --policy=sync --txt-prefix=a --txt-suffix=b", "mutually exclusive")]
    [InlineData("--provider=rfc2136 --rfc2136-host=127.0.0.1 --rfc2136-zone=example.org --source=manifest --manifest-path=x --policy=sync", "--rfc2136-tsig-keyname is required unless --rfc2136-insecure is set")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=manifest --manifest-path=x --policy=sync --interval=1y", "--interval: invalid duration")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=gloo-proxy --policy=sync", "--source=gloo-proxy: this source is not available")]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=manifest --manifest-path=x --policy=sync --gateway-label-filter=a=b=c", "--gateway-label-filter 'a=b=c' is invalid")]
    public async Task Invalid_command_lines_fail_with_one_line_and_exit_code_2(string args, string expected)
    {
        var (code, stdout, stderr) = await Run(args.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("external-dns: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--provider=inmemory --inmemory-zone=example.org --source=service --kubeconfig=/nonexistent/kubeconfig --policy=sync --once", "kubeconfig file /nonexistent/kubeconfig (--kubeconfig) does not exist")]
    public async Task Unusable_configuration_outside_the_command_line_fails_with_one_line_and_exit_code_1(string args, string expected)
    {
        var (code, stdout, stderr) = await Run(args.Split(' '));
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("external-dns: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_flags_grouped()
    {
        var (code, stdout, _) = await Run("--help");
        Assert.Equal(0, code);
        foreach (var group in new[] { "General:", "Loop:", "Policy and filters:", "Sources:", "Registry:", "In-memory provider:", "RFC2136 provider:", "PowerDNS provider:" })
        {
            Assert.Contains(group, stdout, StringComparison.Ordinal);
        }

        Assert.True(stdout.IndexOf("--interval", StringComparison.Ordinal) > stdout.IndexOf("Loop:", StringComparison.Ordinal));
        Assert.Contains("--[no-]dry-run", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("generate-flag-reference", stdout, StringComparison.Ordinal);
    }
}
