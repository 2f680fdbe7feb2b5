using ExternalDns.Testing;
using ExternalDns.Core.Endpoints;
using ExternalDns.Providers.PowerDns;

namespace ExternalDns.Providers.Tests.PowerDns;

public sealed class PowerDnsAdjustEndpointsTests
{
    private static PowerDnsProvider Provider(FakePowerDnsHandler? handler = null) => new(
        new PowerDnsProviderOptions { Server = "http://pdns.test:8081", ApiKey = "k" },
        DomainFilter.All,
        new ListLogger<PowerDnsProvider>(),
        PowerDnsTestHttp.Factory(
            handler ?? new FakePowerDnsHandler(r => FakePowerDnsHandler.Json(
                System.Net.HttpStatusCode.OK,
                r.Path.EndsWith("/zones", StringComparison.Ordinal) ? """[{"id":"example.org.","name":"example.org."}]""" : """{"id":"example.org.","name":"example.org.","rrsets":[]}""")),
            new ExternalDns.Testing.FakeTimeProvider()));

    public static TheoryData<string, string[], string?, bool> Validity => new()
    {
        { RecordTypes.A, ["192.0.2.1"], null, true },
        { RecordTypes.A, ["2001:db8::1"], null, false },
        { RecordTypes.A, ["not-an-ip"], null, false },
        { RecordTypes.AAAA, ["2001:db8::1"], null, true },
        { RecordTypes.AAAA, ["192.0.2.1"], null, false },
        { RecordTypes.MX, ["10 mail.example.org"], null, true },
        { RecordTypes.MX, ["mail.example.org"], null, false },
        { RecordTypes.SRV, ["0 50 443 svc.example.org."], null, true },
        { RecordTypes.SRV, ["0 50 443 svc.example.org"], null, false },
        { RecordTypes.TXT, ["\"v=1\""], null, true },
        { RecordTypes.TXT, ["\"v=1\""], "true", false },
        { RecordTypes.CNAME, ["lb.example.net"], "true", true },
    };

    [Theory]
    [MemberData(nameof(Validity))]
    public void Invalid_endpoints_are_dropped(string type, string[] targets, string? alias, bool kept)
    {
        using var provider = Provider();
        var endpoint = new Endpoint("x.example.org", type, 0, targets);
        if (alias is not null)
        {
            endpoint.SetProviderSpecific("alias", alias);
        }

        var result = provider.AdjustEndpoints([endpoint]);
        Assert.Equal(kept ? 1 : 0, result.Count);
    }

    [Fact]
    public async Task Alias_property_is_canonicalised_as_records_reports_it()
    {
        using var provider = Provider();
        await provider.RecordsAsync(CancellationToken.None); // learns the zones

        var apex = new Endpoint("example.org", RecordTypes.CNAME, "lb.example.net").WithProviderSpecific("alias", "true");
        var below = new Endpoint("www.example.org", RecordTypes.CNAME, "lb.example.net").WithProviderSpecific("alias", "true");
        var off = new Endpoint("web.example.org", RecordTypes.CNAME, "lb.example.net").WithProviderSpecific("alias", "false");

        var result = provider.AdjustEndpoints([apex, below, off]);

        Assert.Null(result[0].GetProviderSpecific("alias"));
        Assert.Equal("true", result[1].GetProviderSpecific("alias"));
        Assert.Null(result[2].GetProviderSpecific("alias"));
        Assert.Equal("true", apex.GetProviderSpecific("alias")); // inputs are not modified
    }
}
