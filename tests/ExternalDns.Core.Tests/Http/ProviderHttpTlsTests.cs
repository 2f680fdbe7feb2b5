using System.Net;
using System.Security.Authentication;
using ExternalDns.Core.Metrics;
using ExternalDns.Core.Providers;
using ExternalDns.Core.Providers.Http;
using ExternalDns.Testing;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Core.Tests.Http;

/// <summary>The primary handler's TLS settings against a real HTTPS server (Kestrel) with certificates made in the test.</summary>
public sealed class ProviderHttpTlsTests : IAsyncLifetime
{
    private TlsTestServer _server = null!;
    private readonly ListLoggerFactory _logs = new();
    private readonly MetricRegistry _metrics = new();

    public async Task InitializeAsync() => _server = await TlsTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client(ProviderHttpOptions options) =>
        new ProviderHttpFactory(_metrics, TimeProvider.System, _logs).CreateClient(options);

    private static ProviderHttpOptions Options(string? ca = null, string? cert = null, string? key = null, bool skip = false) => new()
    {
        Provider = "pdns",
        Timeout = TimeSpan.FromSeconds(20),
        MaxRetries = 0,
        CaFile = ca,
        ClientCertFile = cert,
        ClientKeyFile = key,
        SkipTlsVerify = skip,
    };

    [Fact]
    public async Task A_server_signed_by_the_ca_file_is_trusted()
    {
        using var client = Client(Options(ca: _server.CaFile));
        Assert.Equal("anonymous", await client.GetStringAsync(_server.BaseAddress));
    }

    [Fact]
    public async Task Without_the_ca_file_the_handshake_fails_and_is_not_retried()
    {
        using var client = Client(Options());
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(_server.BaseAddress));
        Assert.IsAssignableFrom<AuthenticationException>(e.InnerException);
        Assert.Equal(1, ((Metric)_metrics.Find("external_dns_provider_api_calls_total")!).Get("pdns", "GET", ProviderHttpOutcome.NetworkError));
    }

    [Fact]
    public async Task Another_ca_is_not_trusted()
    {
        using var client = Client(Options(ca: _server.OtherCaFile));
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(_server.BaseAddress));
        Assert.IsAssignableFrom<AuthenticationException>(e.InnerException);
    }

    [Fact]
    public async Task Skip_verify_accepts_any_certificate_with_a_warning()
    {
        using var client = Client(Options(skip: true));
        Assert.Equal("anonymous", await client.GetStringAsync(_server.BaseAddress));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("pdns: TLS certificate verification is disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_client_certificate_is_presented()
    {
        using var client = Client(Options(ca: _server.CaFile, cert: _server.ClientCertFile, key: _server.ClientKeyFile));
        Assert.Equal(TlsTestServer.ClientSubject, await client.GetStringAsync(_server.BaseAddress));
    }

    [Fact]
    public async Task Certificate_and_key_may_share_one_file()
    {
        using var client = Client(Options(ca: _server.CaFile, cert: _server.ClientCombinedFile));
        Assert.Equal(TlsTestServer.ClientSubject, await client.GetStringAsync(_server.BaseAddress));
    }

    [Fact]
    public void Unusable_tls_files_are_configuration_errors_naming_the_file()
    {
        var factory = new ProviderHttpFactory(_metrics, TimeProvider.System, _logs);
        var missing = Path.Combine(_server.Directory, "missing.pem");

        var e = Assert.Throws<ProviderConfigurationException>(() => factory.CreateHandler(Options(ca: missing)));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("--tls-ca", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ProviderConfigurationException>(() => factory.CreateHandler(Options(ca: _server.ClientKeyFile)));
        Assert.Contains("contains no PEM certificate", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ProviderConfigurationException>(() => factory.CreateHandler(Options(cert: _server.ClientCertFile, key: _server.WrongKeyFile)));
        Assert.Contains(_server.WrongKeyFile, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ProviderConfigurationException>(() => factory.CreateHandler(Options(cert: _server.ClientCertFile)));
        Assert.Contains("--tls-client-cert-key", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ProviderConfigurationException>(() => factory.CreateHandler(Options(key: _server.ClientKeyFile)));
        Assert.Contains("--tls-client-cert", e.Message, StringComparison.Ordinal);
    }
}
