using ExternalDns.Core.Endpoints;
using ExternalDns.Core.Planning;
using ExternalDns.Core.Providers;
using ExternalDns.Providers.Rfc2136;
using ExternalDns.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExternalDns.Providers.Tests.Rfc2136;

/// <summary>
/// The provider against a real BIND 9. What the server holds is checked independently with <c>dig</c> (a TSIG-signed
/// AXFR run as a separate process), not with the provider's own read. Each test uses its own names.
/// </summary>
public sealed class Rfc2136BindTests(BindServer bind) : IClassFixture<BindServer>
{
    private Rfc2136Provider Provider(Action<Rfc2136ProviderOptions>? configure = null)
    {
        var options = new Rfc2136ProviderOptions
        {
            Hosts = [bind.Host],
            Port = bind.Port,
            Zones = [.. BindServer.Zones],
            TsigKeyName = BindServer.KeyName,
            TsigSecret = BindServer.KeySecret,
            TsigSecretAlg = BindServer.KeyAlgorithm,
            Axfr = true,
            Timeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new Rfc2136Provider(options, NullLogger<Rfc2136Provider>.Instance);
    }

    private List<string> Dig(string zone, string name) =>
        [.. bind.DigAxfr(zone).Where(l => l.StartsWith(name + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Creates_updates_and_deletes_a_aaaa_cname_and_txt_records()
    {
        var provider = Provider();
        var a = new Endpoint("crud.example.org", RecordTypes.A, 300, ["192.0.2.1", "192.0.2.2"]);
        var aaaa = new Endpoint("crud6.example.org", RecordTypes.AAAA, 300, ["2001:db8::1"]);
        var cname = new Endpoint("crud-alias.example.org", RecordTypes.CNAME, 300, ["crud.example.org"]);
        var txt = new Endpoint("crud-txt.example.org", RecordTypes.TXT, 300, ["\"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\""]);

        await provider.ApplyChangesAsync(new Changes { Create = [a, aaaa, cname, txt] }, CancellationToken.None);
        Assert.Equal(["crud.example.org. 300 IN A 192.0.2.1", "crud.example.org. 300 IN A 192.0.2.2"], Dig("example.org", "crud"));
        Assert.Equal(["crud6.example.org. 300 IN AAAA 2001:db8::1"], Dig("example.org", "crud6"));
        Assert.Equal(["crud-alias.example.org. 300 IN CNAME crud.example.org."], Dig("example.org", "crud-alias"));
        Assert.Equal(["crud-txt.example.org. 300 IN TXT \"heritage=external-dns,external-dns/owner=default,external-dns/resource=service/default/web\""], Dig("example.org", "crud-txt"));

        var a2 = new Endpoint("crud.example.org", RecordTypes.A, 600, ["192.0.2.3"]);
        var aaaa2 = new Endpoint("crud6.example.org", RecordTypes.AAAA, 300, ["2001:db8::2"]);
        var cname2 = new Endpoint("crud-alias.example.org", RecordTypes.CNAME, 300, ["other.example.net"]);
        var txt2 = new Endpoint("crud-txt.example.org", RecordTypes.TXT, 300, ["\"heritage=external-dns,external-dns/owner=other\""]);
        await provider.ApplyChangesAsync(new Changes { UpdateOld = [a, aaaa, cname, txt], UpdateNew = [a2, aaaa2, cname2, txt2] }, CancellationToken.None);
        Assert.Equal(["crud.example.org. 600 IN A 192.0.2.3"], Dig("example.org", "crud"));
        Assert.Equal(["crud6.example.org. 300 IN AAAA 2001:db8::2"], Dig("example.org", "crud6"));
        Assert.Equal(["crud-alias.example.org. 300 IN CNAME other.example.net."], Dig("example.org", "crud-alias"));
        Assert.Equal(["crud-txt.example.org. 300 IN TXT \"heritage=external-dns,external-dns/owner=other\""], Dig("example.org", "crud-txt"));

        // the provider's own read agrees
        var read = (await provider.RecordsAsync(CancellationToken.None)).Where(e => e.DnsName.StartsWith("crud", StringComparison.Ordinal)).ToList();
        Assert.Contains(read, e => e.ToString() == "crud.example.org 600 IN A 192.0.2.3");
        Assert.Contains(read, e => e.ToString() == "crud-txt.example.org 300 IN TXT heritage=external-dns,external-dns/owner=other");

        await provider.ApplyChangesAsync(new Changes { Delete = [a2, aaaa2, cname2, txt2] }, CancellationToken.None);
        Assert.Empty(Dig("example.org", "crud"));
        Assert.Empty(Dig("example.org", "crud6"));
        Assert.Empty(Dig("example.org", "crud-alias"));
        Assert.Empty(Dig("example.org", "crud-txt"));
    }

    [Fact]
    public async Task A_cname_can_be_replaced_by_an_a_record_in_one_apply()
    {
        var provider = Provider();
        var cname = new Endpoint("swap.example.net", RecordTypes.CNAME, 300, ["target.example.org"]);
        await provider.ApplyChangesAsync(new Changes { Create = [cname] }, CancellationToken.None);
        await provider.ApplyChangesAsync(new Changes { Delete = [cname], Create = [new Endpoint("swap.example.net", RecordTypes.A, 300, ["192.0.2.44"])] }, CancellationToken.None);
        Assert.Equal(["swap.example.net. 300 IN A 192.0.2.44"], Dig("example.net", "swap"));
    }

    [Fact]
    public async Task Sends_120_changes_with_batch_size_50_as_3_messages()
    {
        var provider = Provider(o => o.BatchChangeSize = 50);
        var creates = Enumerable.Range(0, 120).Select(i => new Endpoint($"batch{i}.example.org", RecordTypes.A, 300, [$"198.51.100.{i}"])).ToList();
        await provider.ApplyChangesAsync(new Changes { Create = creates }, CancellationToken.None);
        Assert.Equal(3, provider.UpdateMessagesSent);
        Assert.Equal(120, bind.DigAxfr("example.org").Count(l => l.StartsWith("batch", StringComparison.Ordinal)));

        await provider.ApplyChangesAsync(new Changes { Delete = creates }, CancellationToken.None);
        Assert.Equal(6, provider.UpdateMessagesSent);
        Assert.DoesNotContain(bind.DigAxfr("example.org"), l => l.StartsWith("batch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_the_update_policy_refuses_is_reported_and_every_other_change_lands()
    {
        var provider = Provider();
        var creates = new List<Endpoint>();
        foreach (var name in new[] { "policy-ok1", "policy-denied", "policy-ok2", "policy-ok3" })
        {
            var record = new Endpoint($"{name}.example.net", RecordTypes.A, 300, ["192.0.2.60"]);
            var txt = new Endpoint($"a-{name}.example.net", RecordTypes.TXT, 300, ["\"heritage=external-dns,external-dns/owner=default\""]);
            txt.Labels[Labels.OwnedRecordKey] = record.DnsName;
            creates.Add(record);
            creates.Add(txt);
        }

        var e = await Assert.ThrowsAsync<ProviderTransientException>(() => provider.ApplyChangesAsync(new Changes { Create = creates }, CancellationToken.None));

        Assert.Contains("2 of 8 changes rejected", e.Message, StringComparison.Ordinal);
        Assert.Contains("policy-denied.example.net (Refused)", e.Message, StringComparison.Ordinal);
        var zone = bind.DigAxfr("example.net");
        foreach (var name in new[] { "policy-ok1", "policy-ok2", "policy-ok3" })
        {
            Assert.Contains($"{name}.example.net. 300 IN A 192.0.2.60", zone);
            Assert.Contains(zone, l => l.StartsWith($"a-{name}.example.net. 300 IN TXT", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(zone, l => l.Contains("policy-denied", StringComparison.Ordinal)); // neither the record nor its TXT
        Assert.InRange(provider.UpdateMessagesSent, 3, 5); // all four, two halves, then the refused group alone
    }

    [Fact]
    public async Task Routes_changes_to_their_zones_and_skips_names_outside_every_zone()
    {
        var provider = Provider();
        await provider.ApplyChangesAsync(new Changes
        {
            Create =
            [
                new Endpoint("route.example.org", RecordTypes.A, 300, ["192.0.2.11"]),
                new Endpoint("route.example.net", RecordTypes.A, 300, ["192.0.2.12"]),
                new Endpoint("route.example.com", RecordTypes.A, 300, ["192.0.2.13"]),
            ],
        }, CancellationToken.None);
        Assert.Equal(2, provider.UpdateMessagesSent);
        Assert.Equal(["route.example.org. 300 IN A 192.0.2.11"], Dig("example.org", "route"));
        Assert.Equal(["route.example.net. 300 IN A 192.0.2.12"], Dig("example.net", "route"));
    }

    [Fact]
    public async Task Txt_values_longer_than_255_bytes_round_trip()
    {
        var provider = Provider();
        var value = string.Concat(Enumerable.Range(0, 70).Select(i => $"v{i:D3}")) + "-end"; // 284 bytes
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("longtxt.example.org", RecordTypes.TXT, 300, [value])] }, CancellationToken.None);

        var line = Assert.Single(Dig("example.org", "longtxt"));
        Assert.Equal($"longtxt.example.org. 300 IN TXT \"{value[..255]}\" \"{value[255..]}\"", line);

        var read = Assert.Single(await provider.RecordsAsync(CancellationToken.None), e => e.DnsName == "longtxt.example.org");
        Assert.Equal(value, Assert.Single(read.Targets));
    }

    [Fact]
    public async Task A_wrong_tsig_secret_is_a_configuration_error_naming_zone_and_key()
    {
        const string wrongSecret = "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=";
        var provider = Provider(o => o.TsigSecret = wrongSecret);
        var e = await Assert.ThrowsAsync<ProviderConfigurationException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("wrongkey.example.org", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));
        Assert.Contains("'example.org'", e.Message, StringComparison.Ordinal);
        Assert.Contains(BindServer.KeyName, e.Message, StringComparison.Ordinal);
        Assert.Contains("BadSig", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, e.Message, StringComparison.Ordinal);
        Assert.Empty(Dig("example.org", "wrongkey"));

        var read = await Assert.ThrowsAsync<ProviderConfigurationException>(() => provider.RecordsAsync(CancellationToken.None));
        Assert.Contains(BindServer.KeyName, read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_name_is_a_configuration_error()
    {
        var provider = Provider(o => o.TsigKeyName = "no-such-key");
        var e = await Assert.ThrowsAsync<ProviderConfigurationException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("nokey.example.net", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));
        Assert.Contains("'example.net'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsigned_update_is_refused_as_a_configuration_error()
    {
        var provider = Provider(o => o.Insecure = true);
        var e = await Assert.ThrowsAsync<ProviderConfigurationException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("unsigned.example.org", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));
        Assert.Contains("Refused", e.Message, StringComparison.Ordinal);
        Assert.Contains("'example.org'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_server_gives_a_transient_error()
    {
        Rfc2136Provider provider;
        using (var stopped = new BindServer())
        {
            provider = new Rfc2136Provider(
                new Rfc2136ProviderOptions
                {
                    Hosts = [stopped.Host],
                    Port = stopped.Port,
                    Zones = [.. BindServer.Zones],
                    TsigKeyName = BindServer.KeyName,
                    TsigSecret = BindServer.KeySecret,
                    TsigSecretAlg = BindServer.KeyAlgorithm,
                    Axfr = true,
                    Timeout = TimeSpan.FromSeconds(2),
                },
                NullLogger<Rfc2136Provider>.Instance);
            stopped.Stop();
            Assert.False(stopped.IsRunning);
        }

        await Assert.ThrowsAsync<ProviderTransientException>(() =>
            provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("down.example.org", RecordTypes.A, "192.0.2.1")] }, CancellationToken.None));
        await Assert.ThrowsAsync<ProviderTransientException>(() => provider.RecordsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Fails_over_to_the_next_host()
    {
        var provider = Provider(o => (o.Hosts, o.Timeout) = (["127.0.0.2", bind.Host], TimeSpan.FromSeconds(2)));
        await provider.ApplyChangesAsync(new Changes { Create = [new Endpoint("failover.example.net", RecordTypes.A, 300, ["192.0.2.77"])] }, CancellationToken.None);
        Assert.Equal(["failover.example.net. 300 IN A 192.0.2.77"], Dig("example.net", "failover"));
    }
}
