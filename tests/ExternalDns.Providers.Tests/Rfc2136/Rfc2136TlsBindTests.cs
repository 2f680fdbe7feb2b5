using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Rfc2136;
using ExternalDns.Testing;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>
/// DNS over TLS (RFC 7858) against a real BIND 9.18 serving TLS on loopback with a certificate from a CA made in the
/// test: updates and transfers, a wrong CA, skip-verify. What BIND holds is read back with dig over plain TCP.
/// </summary>
public sealed class Rfc2136TlsBindTests(BindTlsServer tls) : IClassFixture<BindTlsServer>
{
    private Rfc2136Provider Provider(Action<Rfc2136ProviderOptions>? configure = null, ListLogger<Rfc2136Provider>? logger = null)
    {
        var options = new Rfc2136ProviderOptions
        {
            Hosts = ["127.0.0.1"],
            Port = tls.Bind.TlsPort,
            Zones = ["example.org"],
            TsigKeyName = BindServer.KeyName,
            TsigSecret = BindServer.KeySecret,
            TsigSecretAlg = BindServer.KeyAlgorithm,
            Axfr = true,
            UseTls = true,
            TlsCaFile = tls.CaFile,
            Timeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new Rfc2136Provider(options, logger ?? new ListLogger<Rfc2136Provider>());
    }

    private List<string> Dig(string name) =>
        [.. tls.Bind.DigAxfr("example.org").Where(l => l.StartsWith(name + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Updates_and_transfers_go_over_tls_verified_with_the_tls_ca()
    {
        var provider = Provider();
        var a = new Endpoint("dot.example.org", RecordTypes.A, 300, ["192.0.2.53"]);

        await provider.ApplyChangesAsync(new Changes { Create = [a] }, CancellationToken.None);

        Assert.Equal(["dot.example.org. 300 IN A 192.0.2.53"], Dig("dot"));
        var records = await provider.RecordsAsync(CancellationToken.None);
        Assert.Contains(records, e => e.DnsName == "dot.example.org" && e.RecordType == "A" && e.Targets.SequenceEqual(["192.0.2.53"]));

        await provider.ApplyChangesAsync(new Changes { Delete = [a] }, CancellationToken.None);
        Assert.Empty(Dig("dot"));
    }

    [Fact]
    public async Task A_certificate_from_another_ca_is_a_configuration_error_naming_tls_ca_and_the_host()
    {
        var provider = Provider(o => o.TlsCaFile = tls.OtherCaFile);

        var update = await Assert.ThrowsAsync<ProviderConfigurationException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("wrong-ca.example.org", RecordTypes.A, 300, ["192.0.2.54"])] }, CancellationToken.None));
        var transfer = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));

        foreach (var e in new[] { update, transfer })
        {
            Assert.Contains("--tls-ca", e.Message, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{tls.Bind.TlsPort}", e.Message, StringComparison.Ordinal);
            Assert.Contains("example.org", e.Message, StringComparison.Ordinal);
        }

        Assert.Empty(Dig("wrong-ca"));
    }

    [Fact]
    public async Task The_system_trust_store_does_not_trust_a_private_ca()
    {
        var provider = Provider(o => o.TlsCaFile = null);

        await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Skip_tls_verify_accepts_the_certificate_and_says_so()
    {
        var logger = new ListLogger<Rfc2136Provider>();
        var provider = Provider(o => { o.TlsCaFile = tls.OtherCaFile; o.SkipTlsVerify = true; }, logger);

        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("skip-verify.example.org", RecordTypes.A, 300, ["192.0.2.55"])] }, CancellationToken.None);

        Assert.Equal(["skip-verify.example.org. 300 IN A 192.0.2.55"], Dig("skip-verify"));
        Assert.Contains(logger.Messages, m => m.Contains("--rfc2136-skip-tls-verify", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plain_tcp_to_the_tls_port_fails_and_tls_to_the_plain_port_fails()
    {
        var plainToTls = Provider(o => o.UseTls = false);
        await Assert.ThrowsAsync<ProviderTransientException>(() => plainToTls.RecordsAsync(CancellationToken.None));

        var tlsToPlain = Provider(o => o.Port = tls.Bind.Port);
        await Assert.ThrowsAnyAsync<Exception>(() => tlsToPlain.RecordsAsync(CancellationToken.None));
    }

    [Fact]
    public void Port_zero_means_853_with_tls_and_53_without()
    {
        Assert.Equal(853, new Rfc2136ProviderOptions { UseTls = true }.EffectivePort);
        Assert.Equal(53, new Rfc2136ProviderOptions().EffectivePort);
        Assert.Equal(5353, new Rfc2136ProviderOptions { UseTls = true, Port = 5353 }.EffectivePort);
    }

    [Fact]
    public void An_unreadable_ca_file_is_a_configuration_error_naming_the_file_and_flag()
    {
        var missing = Path.Combine(tls.Files, "no-such-ca.crt");
        var e = Assert.Throws<ProviderConfigurationException>(() => Provider(o => o.TlsCaFile = missing));
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
        Assert.Contains("--tls-ca", e.Message, StringComparison.Ordinal);
    }
}
