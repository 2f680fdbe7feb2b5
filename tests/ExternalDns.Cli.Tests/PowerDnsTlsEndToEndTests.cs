using ExternalDns.Testing.Servers;
using ExternalDns.Testing.Tls;

namespace ExternalDns.Cli.Tests;

/// <summary>
/// Black-box: <c>--pdns-server=https://…</c> with <c>--tls-ca</c>, <c>--tls-client-cert</c> and <c>--tls-client-cert-key</c>.
/// PowerDNS 4.7's webserver cannot serve TLS (it has no TLS settings), so the real PowerDNS API is put behind a small
/// Kestrel HTTPS reverse proxy made in the test (<see cref="TlsReverseProxy"/>), with a certificate from a local CA and,
/// for mutual TLS, a client CA.
/// </summary>
public sealed class PowerDnsTlsEndToEndTests(PowerDnsServer pdns) : IClassFixture<PowerDnsServer>, IDisposable
{
    private const string Zone = "example.com";
    private readonly LocalCertificateAuthority _authority = new("PowerDNS test CA");
    private readonly LocalCertificateAuthority _clients = new("PowerDNS client CA");
    private readonly string _files = Directory.CreateTempSubdirectory("externaldns-pdns-tls-").FullName;

    public void Dispose()
    {
        _authority.Dispose();
        _clients.Dispose();
        Directory.Delete(_files, recursive: true);
    }

    private async Task<TlsReverseProxy> ProxyAsync(bool mutual)
    {
        if (!await pdns.ZoneExistsAsync(Zone))
        {
            await pdns.CreateZoneAsync(Zone);
        }

        return await TlsReverseProxy.StartAsync(pdns.ApiUrl, _authority.IssueServer("127.0.0.1"), mutual ? _clients : null);
    }

    private static string[] Args(string dir, Uri server, string owner, params string[] extra) =>
    [
        "--source=manifest", $"--manifest-path={dir}", "--provider=pdns", $"--pdns-server={server}",
        $"--domain-filter={Zone}", "--registry=txt", $"--txt-owner-id={owner}", "--policy=sync", "--once", "--log-level=warning", .. extra,
    ];

    private Dictionary<string, string> Env => new() { ["EXTERNAL_DNS_PDNS_API_KEY"] = pdns.ApiKey };

    [Fact]
    public async Task Mutual_tls_with_tls_ca_and_a_client_certificate_reaches_powerdns()
    {
        await using var proxy = await ProxyAsync(mutual: true);
        var ca = _authority.WriteCertificate(_files);
        var (cert, key) = _clients.IssueClient("externaldns").Write(_files, "client");
        var dir = ExternalDnsProcess.ManifestDirectory(("p.yaml", Manifests.LoadBalancerService("p", "pdns-tls.example.com", "203.0.113.90")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, proxy.BaseAddress, "pdnstls", $"--tls-ca={ca}", $"--tls-client-cert={cert}", $"--tls-client-cert-key={key}"), Env);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.True(proxy.Forwarded > 0);
        Assert.Equal("CN=externaldns", proxy.LastClientCertificateSubject);
        var zone = await pdns.GetZoneJsonAsync(Zone);
        Assert.Contains("pdns-tls.example.com.", zone, StringComparison.Ordinal);
        Assert.Contains("203.0.113.90", zone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_client_certificate_the_proxy_refuses_and_the_run_fails()
    {
        await using var proxy = await ProxyAsync(mutual: true);
        var ca = _authority.WriteCertificate(_files);
        var dir = ExternalDnsProcess.ManifestDirectory(("n.yaml", Manifests.LoadBalancerService("n", "pdns-nocert.example.com", "203.0.113.91")));

        var run = await ExternalDnsProcess.RunAsync(Args(dir, proxy.BaseAddress, "pdnsnocert", $"--tls-ca={ca}"), Env);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, proxy.Forwarded);
        Assert.DoesNotContain("pdns-nocert", await pdns.GetZoneJsonAsync(Zone), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_fails_naming_the_host_and_skip_verify_accepts_it()
    {
        await using var proxy = await ProxyAsync(mutual: false);
        using var other = new LocalCertificateAuthority("Unrelated CA");
        var wrongCa = other.WriteCertificate(_files, "other-ca.crt");
        var dir = ExternalDnsProcess.ManifestDirectory(("w.yaml", Manifests.LoadBalancerService("w", "pdns-skip.example.com", "203.0.113.92")));

        var wrong = await ExternalDnsProcess.RunAsync(Args(dir, proxy.BaseAddress, "pdnsskip", $"--tls-ca={wrongCa}"), Env);

        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("127.0.0.1", wrong.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, proxy.Forwarded);
        Assert.DoesNotContain(pdns.ApiKey, wrong.Stderr + wrong.Stdout, StringComparison.Ordinal);

        var skip = await ExternalDnsProcess.RunAsync(Args(dir, proxy.BaseAddress, "pdnsskip", $"--tls-ca={wrongCa}", "--pdns-skip-tls-verify"), Env);

        Assert.True(skip.ExitCode == 0, skip.Stderr);
        Assert.Contains("pdns-skip.example.com.", await pdns.GetZoneJsonAsync(Zone), StringComparison.Ordinal);
    }
}
