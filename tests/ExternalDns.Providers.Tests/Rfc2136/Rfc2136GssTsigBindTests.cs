using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Dns.Client;
using ExternalDns.Dns.Messages;
using ExternalDns.Dns.Records;
using ExternalDns.Dns.Tsig;
using ExternalDns.Dns.Update;
using ExternalDns.Providers.Rfc2136;
using ExternalDns.Testing;
using ExternalDns.Testing.Servers;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>
/// GSS-TSIG (RFC 3645) against an MIT Kerberos KDC and BIND 9 with <c>tkey-gssapi-keytab</c>, all on loopback: a
/// context negotiated by TKEY through .NET's NegotiateAuthentication (the system's GSS-API library), then signed
/// UPDATEs and AXFRs. BIND's zone example.com only accepts updates signed by the Kerberos user.
/// </summary>
public sealed class Rfc2136GssTsigBindTests(KerberosBindServer kerberos) : IClassFixture<KerberosBindServer>
{
    private Rfc2136Provider Provider(Action<Rfc2136ProviderOptions>? configure = null, ListLogger<Rfc2136Provider>? logger = null)
    {
        var options = new Rfc2136ProviderOptions
        {
            Hosts = ["127.0.0.1"],
            Port = kerberos.Bind.Port,
            Zones = [KerberosBindServer.Zone],
            GssTsig = true,
            KerberosUsername = KerberosBindServer.UserName,
            KerberosPassword = KerberosBindServer.Password,
            KerberosRealm = "example.test", // upper-cased, as upstream
            Axfr = true,
            Timeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new Rfc2136Provider(options, logger ?? new ListLogger<Rfc2136Provider>());
    }

    private List<string> Dig(string name) =>
        [.. kerberos.DigAxfr().Where(l => l.StartsWith(name + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Creates_reads_updates_and_deletes_records_signed_with_gss_tsig()
    {
        var provider = Provider();
        var a = new Endpoint("gss.example.com", RecordTypes.A, 300, ["192.0.2.80"]);
        var txt = new Endpoint("a-gss.example.com", RecordTypes.TXT, 300, ["\"heritage=external-dns,external-dns/owner=gss\""]) { Labels = { ["ownedRecord"] = "gss.example.com" } };

        await provider.ApplyChangesAsync(new Changes { Create = [a, txt] }, CancellationToken.None);
        Assert.Equal(["gss.example.com. 300 IN A 192.0.2.80"], Dig("gss"));

        var records = await provider.RecordsAsync(CancellationToken.None);
        Assert.Contains(records, e => e.DnsName == "gss.example.com" && e.Targets.SequenceEqual(["192.0.2.80"]));
        Assert.Contains(records, e => e.DnsName == "a-gss.example.com" && e.RecordType == "TXT");

        var a2 = new Endpoint("gss.example.com", RecordTypes.A, 600, ["192.0.2.81"]);
        await provider.ApplyChangesAsync(new Changes { UpdateOld = [a], UpdateNew = [a2] }, CancellationToken.None);
        Assert.Equal(["gss.example.com. 600 IN A 192.0.2.81"], Dig("gss"));

        await provider.ApplyChangesAsync(new Changes { Delete = [a2, txt] }, CancellationToken.None);
        Assert.Empty(Dig("gss"));
        Assert.Empty(Dig("a-gss"));
    }

    [Fact]
    public async Task A_wrong_password_is_a_configuration_error_naming_the_user_and_never_the_password()
    {
        const string wrong = "not-the-password-4711";
        var logger = new ListLogger<Rfc2136Provider>();
        var provider = Provider(o => o.KerberosPassword = wrong, logger);

        var e = await Assert.ThrowsAsync<ProviderConfigurationException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("gss-wrong.example.com", RecordTypes.A, 300, ["192.0.2.82"])] }, CancellationToken.None));

        Assert.Contains("externaldns@EXAMPLE.TEST", e.Message, StringComparison.Ordinal);
        Assert.Contains("--rfc2136-kerberos-password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logger.Messages, m => m.Contains(wrong, StringComparison.Ordinal));
        Assert.Empty(Dig("gss-wrong"));
    }

    [Fact]
    public async Task The_same_update_unsigned_or_with_the_hmac_key_is_refused_by_the_gss_only_zone()
    {
        var unsigned = Provider(o => { o.GssTsig = false; o.Insecure = true; });

        await Assert.ThrowsAsync<ProviderConfigurationException>(() =>
            unsigned.ApplyChangesAsync(new Changes { Create = [new Endpoint("gss-unsigned.example.com", RecordTypes.A, 300, ["192.0.2.83"])] }, CancellationToken.None));

        Assert.Empty(Dig("gss-unsigned"));
    }

    [Fact]
    public async Task The_dns_client_negotiates_a_context_signs_the_update_and_verifies_the_signed_response()
    {
        var client = new DnsClient(new DnsClientOptions
        {
            Host = "127.0.0.1",
            Port = kerberos.Bind.Port,
            UseTcp = true,
            GssTsig = new GssTsigOptions { Credential = new(KerberosBindServer.UserName, KerberosBindServer.Password, KerberosBindServer.Realm) },
        });
        var update = new DnsUpdateBuilder(KerberosBindServer.Zone);
        update.AddRecord("gss-client.example.com", DnsRecordType.A, 300, new AddressRecordData(System.Net.IPAddress.Parse("192.0.2.84")));

        var response = await client.ExchangeAsync(update.Build(), CancellationToken.None);

        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.NotNull(response.Tsig);
        Assert.Equal(GssTsigKey.Algorithm, ((TsigRecordData)response.Tsig!.Data).Algorithm);
        Assert.Equal(["gss-client.example.com. 300 IN A 192.0.2.84"], Dig("gss-client"));

        var records = await client.TransferZoneAsync(KerberosBindServer.Zone, CancellationToken.None);
        Assert.Contains(records, r => r.Name == "gss-client.example.com" && r.Type == DnsRecordType.A);
    }

    [Fact]
    public async Task An_unknown_service_principal_fails_with_a_message_naming_it()
    {
        var client = new DnsClient(new DnsClientOptions
        {
            Host = "127.0.0.1",
            Port = kerberos.Bind.Port,
            UseTcp = true,
            GssTsig = new GssTsigOptions { Credential = new(KerberosBindServer.UserName, KerberosBindServer.Password, KerberosBindServer.Realm), TargetName = "DNS/no-such-host.example" },
        });

        var e = await Assert.ThrowsAsync<DnsGssException>(() => client.TransferZoneAsync(KerberosBindServer.Zone, CancellationToken.None));

        Assert.Contains("DNS/no-such-host.example", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KerberosBindServer.Password, e.Message, StringComparison.Ordinal);
    }
}
