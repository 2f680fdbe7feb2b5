using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Providers.Rfc2136;
using ExternalDns.Testing;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>Mutual TLS: BIND 9.18 requires a client certificate (its tls <c>ca-file</c>); --tls-client-cert and --tls-client-cert-key give one.</summary>
public sealed class Rfc2136MutualTlsBindTests(BindMutualTlsServer fixture) : IClassFixture<BindMutualTlsServer>
{
    private BindTlsServer Tls => fixture.Server;

    private Rfc2136Provider Provider(bool withClientCertificate) => new(
        new Rfc2136ProviderOptions
        {
            Hosts = ["127.0.0.1"],
            Port = Tls.Bind.TlsPort,
            Zones = ["example.org"],
            TsigKeyName = BindServer.KeyName,
            TsigSecret = BindServer.KeySecret,
            TsigSecretAlg = BindServer.KeyAlgorithm,
            Axfr = true,
            UseTls = true,
            TlsCaFile = Tls.CaFile,
            TlsClientCertFile = withClientCertificate ? Tls.ClientCertFile : null,
            TlsClientKeyFile = withClientCertificate ? Tls.ClientKeyFile : null,
            Timeout = TimeSpan.FromSeconds(5),
        },
        new ListLogger<Rfc2136Provider>());

    [Fact]
    public async Task With_the_client_certificate_the_update_lands()
    {
        await Provider(withClientCertificate: true).ApplyChangesAsync(
            new Changes { Create = [new Endpoint("mtls.example.org", RecordTypes.A, 300, ["192.0.2.60"])] }, CancellationToken.None);

        Assert.Contains("mtls.example.org. 300 IN A 192.0.2.60", Tls.Bind.DigAxfr("example.org"));
    }

    [Fact]
    public async Task Without_a_client_certificate_the_server_refuses_the_connection()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Provider(withClientCertificate: false).ApplyChangesAsync(
            new Changes { Create = [new Endpoint("no-mtls.example.org", RecordTypes.A, 300, ["192.0.2.61"])] }, CancellationToken.None));

        Assert.DoesNotContain(Tls.Bind.DigAxfr("example.org"), l => l.StartsWith("no-mtls.", StringComparison.Ordinal));
    }
}
