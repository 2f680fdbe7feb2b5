using ExternalDns.Testing.Servers;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: <c>external-dns --rfc2136-gss-tsig</c> against an MIT Kerberos KDC and BIND 9 with tkey-gssapi-keytab on
/// loopback. The password comes from the environment (as from a Kubernetes Secret) and never appears in the output.
/// </summary>
public class Rfc2136GssTsigEndToEndTests(KerberosBindServer kerberos) : IClassFixture<KerberosBindServer>
{
    private string[] Args(string dir, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}",
        "--provider=rfc2136", "--rfc2136-host=127.0.0.1", $"--rfc2136-port={kerberos.Bind.Port}", $"--rfc2136-zone={KerberosBindServer.Zone}",
        "--rfc2136-gss-tsig", $"--rfc2136-kerberos-username={KerberosBindServer.UserName}", "--rfc2136-kerberos-realm=EXAMPLE.TEST", "--rfc2136-axfr",
        "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=debug", .. extra,
    ];

    private Dictionary<string, string> Env(string password) => new()
    {
        ["EXTERNAL_DNS_RFC2136_KERBEROS_PASSWORD"] = password,
        ["KRB5_CONFIG"] = kerberos.Krb5Config,
    };

    private bool Has(string name) => kerberos.DigAxfr().Any(l => l.StartsWith(name + ".", StringComparison.Ordinal));

    [Fact]
    public async Task Syncs_with_gss_tsig_and_never_prints_the_password()
    {
        var dir = ExternalDnsProcess.ManifestDirectory(("g.yaml", Manifests.LoadBalancerService("g", "gss-e2e.example.com", "203.0.113.70")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "gss"), Env(KerberosBindServer.Password));

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(Has("gss-e2e.example.com"), string.Join('\n', kerberos.DigAxfr()));
        Assert.True(Has("a-gss-e2e.example.com"), "the ownership record is missing");
        Assert.DoesNotContain(KerberosBindServer.Password, run.Stdout + run.Stderr, StringComparison.Ordinal);

        // Second run: read back by a GSS-TSIG signed AXFR, nothing to change.
        var second = await ExternalDnsProcess.RunAsync(Args(dir, "gss"), Env(KerberosBindServer.Password));
        Assert.True(second.ExitCode == 0, second.Stderr);
    }

    [Fact]
    public async Task A_wrong_password_exits_1_naming_the_user_not_the_password()
    {
        const string wrong = "wrong-password-0815";
        var dir = ExternalDnsProcess.ManifestDirectory(("w.yaml", Manifests.LoadBalancerService("w", "gss-wrong.example.com", "203.0.113.71")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, "gsswrong"), Env(wrong));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("externaldns@EXAMPLE.TEST", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.False(Has("gss-wrong.example.com"));
    }
}
