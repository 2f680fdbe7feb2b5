using System.Globalization;
using System.Text;
using System.Xml.Linq;
using ExternalDns.Testing.Route53;

namespace ExternalDns.Testing.Tests.Route53;

public sealed class Route53EmulatorTests : IAsyncLifetime
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";
    private Route53Emulator _emulator = null!;
    private SdkSignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await Route53Emulator.StartAsync();
        _emulator.AddCredentials(AccessKey, Secret);
        _client = new SdkSignedClient(_emulator.BaseAddress, AccessKey, Secret);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task ListHostedZones_signed_by_the_sdk_pages_with_marker()
    {
        var a = _emulator.CreateHostedZone("a.example.org");
        var b = _emulator.CreateHostedZone("b.example.org", vpc: ("us-east-1", "vpc-1"));
        var c = _emulator.CreateHostedZone("c.example.org");

        var (status, body) = await _client.SendAsync("GET", "/2013-04-01/hostedzone", new Dictionary<string, string> { ["maxitems"] = "2" });
        Assert.Equal(200, status);
        var doc = XDocument.Parse(body);
        Assert.Equal(["/hostedzone/" + a.Id, "/hostedzone/" + b.Id], doc.Descendants(Ns + "Id").Select(e => e.Value));
        Assert.Equal("true", doc.Root!.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal(c.Id, doc.Root.Element(Ns + "NextMarker")!.Value);
        Assert.Equal(["false", "true"], doc.Descendants(Ns + "PrivateZone").Select(e => e.Value));

        (status, body) = await _client.SendAsync("GET", "/2013-04-01/hostedzone", new Dictionary<string, string> { ["maxitems"] = "2", ["marker"] = c.Id });
        doc = XDocument.Parse(body);
        Assert.Equal(200, status);
        Assert.Equal(["/hostedzone/" + c.Id], doc.Descendants(Ns + "Id").Select(e => e.Value));
        Assert.Equal("false", doc.Root!.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal(2, _emulator.Calls.Count(Route53Emulator.ListHostedZones));
    }

    [Fact]
    public async Task Wrong_secret_gets_SignatureDoesNotMatch_and_unknown_key_InvalidClientTokenId()
    {
        using var wrong = new SdkSignedClient(_emulator.BaseAddress, AccessKey, "not-the-secret");
        var (status, body) = await wrong.SendAsync("GET", "/2013-04-01/hostedzone");
        Assert.Equal(403, status);
        var error = XDocument.Parse(body).Root!;
        Assert.Equal(Ns + "ErrorResponse", error.Name);
        Assert.Equal("SignatureDoesNotMatch", error.Element(Ns + "Error")!.Element(Ns + "Code")!.Value);
        Assert.StartsWith("The request signature we calculated does not match the signature you provided.", error.Element(Ns + "Error")!.Element(Ns + "Message")!.Value);
        Assert.NotEmpty(error.Element(Ns + "RequestId")!.Value);

        using var unknown = new SdkSignedClient(_emulator.BaseAddress, "AKIDUNKNOWN", Secret);
        (status, body) = await unknown.SendAsync("GET", "/2013-04-01/hostedzone");
        Assert.Equal(403, status);
        Assert.Equal("InvalidClientTokenId", XDocument.Parse(body).Descendants(Ns + "Code").Single().Value);
        Assert.Equal("The security token included in the request is invalid.", XDocument.Parse(body).Descendants(Ns + "Message").Single().Value);
    }

    [Fact]
    public async Task Unsigned_request_and_wrong_region_are_refused()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(_emulator.BaseAddress, "2013-04-01/hostedzone"));
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var euClient = new SdkSignedClient(_emulator.BaseAddress, AccessKey, Secret) { Region = "eu-west-1" };
        var (status, body) = await euClient.SendAsync("GET", "/2013-04-01/hostedzone");
        Assert.Equal(403, status);
        Assert.Contains("Credential should be scoped to a valid region", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_token_is_required_when_registered()
    {
        _emulator.AddCredentials("ASIATEMP", "temp-secret", "the-session-token");
        using var withToken = new SdkSignedClient(_emulator.BaseAddress, "ASIATEMP", "temp-secret", "the-session-token");
        Assert.Equal(200, (await withToken.SendAsync("GET", "/2013-04-01/hostedzone")).Status);
        using var withoutToken = new SdkSignedClient(_emulator.BaseAddress, "ASIATEMP", "temp-secret");
        Assert.Equal(403, (await withoutToken.SendAsync("GET", "/2013-04-01/hostedzone")).Status);
    }

    [Fact]
    public async Task ListResourceRecordSets_pages_at_most_300_in_reversed_label_order()
    {
        var zone = _emulator.CreateHostedZone("example.org");
        for (var i = 0; i < 650; i++)
        {
            _emulator.Seed(zone.Id, new Route53RecordSet { Name = $"host{i:D4}.example.org", Type = "A", Ttl = 300, Values = ["192.0.2.1"] });
        }

        _emulator.Seed(zone.Id, new Route53RecordSet { Name = "a.sub.example.org", Type = "A", Ttl = 60, Values = ["192.0.2.9"] });
        var names = new List<string>();
        var query = new Dictionary<string, string> { ["maxitems"] = "1000" };
        var pages = 0;
        while (true)
        {
            var (status, body) = await _client.SendAsync("GET", $"/2013-04-01/hostedzone/{zone.Id}/rrset", query);
            Assert.Equal(200, status);
            pages++;
            var root = XDocument.Parse(body).Root!;
            var sets = root.Element(Ns + "ResourceRecordSets")!.Elements(Ns + "ResourceRecordSet").ToList();
            Assert.True(sets.Count <= 300);
            names.AddRange(sets.Select(s => s.Element(Ns + "Name")!.Value + " " + s.Element(Ns + "Type")!.Value));
            if (root.Element(Ns + "IsTruncated")!.Value != "true")
            {
                break;
            }

            query = new Dictionary<string, string>
            {
                ["maxitems"] = "1000",
                ["name"] = root.Element(Ns + "NextRecordName")!.Value,
                ["type"] = root.Element(Ns + "NextRecordType")!.Value,
            };
        }

        Assert.Equal(3, pages);
        Assert.Equal(653, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(["example.org. NS", "example.org. SOA", "host0000.example.org. A"], names.Take(3));
        Assert.Equal("a.sub.example.org. A", names[^1]);
    }

    [Fact]
    public async Task Change_batch_is_atomic_and_reports_every_invalid_change()
    {
        var zone = _emulator.CreateHostedZone("example.org");
        _emulator.Seed(zone.Id, new Route53RecordSet { Name = "taken.example.org", Type = "A", Ttl = 300, Values = ["192.0.2.1"] });
        var batch = ChangeBatch(
            Change("CREATE", "new.example.org", "A", "192.0.2.2"),
            Change("CREATE", "taken.example.org", "A", "192.0.2.3"),
            Change("DELETE", "ghost.example.org", "A", "192.0.2.4"));
        var (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset/", body: batch);
        Assert.Equal(400, status);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal(Ns + "InvalidChangeBatch", root.Name);
        Assert.Equal(
            [
                "Tried to create resource record set [name='taken.example.org.', type='A'] but it already exists",
                "Tried to delete resource record set [name='ghost.example.org.', type='A'] but it was not found",
            ],
            root.Element(Ns + "Messages")!.Elements(Ns + "Message").Select(m => m.Value));
        Assert.Null(_emulator.Find(zone.Id, "new.example.org", "A"));
        Assert.Empty(_emulator.Calls.AppliedBatches);

        (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(Change("CREATE", "NEW.example.org", "A", "192.0.2.2")));
        Assert.Equal(200, status);
        Assert.Equal("PENDING", XDocument.Parse(body).Descendants(Ns + "Status").Single().Value);
        Assert.Equal(["192.0.2.2"], _emulator.Find(zone.Id, "new.example.org.", "A")!.Values);
    }

    [Fact]
    public async Task Delete_with_other_values_and_conflicting_cname_are_rejected()
    {
        var zone = _emulator.CreateHostedZone("example.org");
        _emulator.Seed(zone.Id, new Route53RecordSet { Name = "www.example.org", Type = "A", Ttl = 300, Values = ["192.0.2.1"] });
        var (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(
            Change("DELETE", "www.example.org", "A", "192.0.2.9"),
            Change("CREATE", "www.example.org", "CNAME", "other.example.net"),
            Change("CREATE", "example.org", "CNAME", "other.example.net"),
            Change("CREATE", "txt.example.org", "TXT", "unquoted"),
            Change("CREATE", "www.example.com", "A", "192.0.2.1")));
        Assert.Equal(400, status);
        var messages = XDocument.Parse(body).Descendants(Ns + "Message").Select(m => m.Value).ToList();
        Assert.Equal(5, messages.Count);
        Assert.Equal("Tried to delete resource record set [name='www.example.org.', type='A'] but the values provided do not match the current values", messages[0]);
        Assert.Equal("RRSet of type CNAME with DNS name www.example.org. is not permitted as it conflicts with other records with the same DNS name in zone example.org.", messages[1]);
        Assert.Equal("RRSet of type CNAME with DNS name example.org. is not permitted at apex in zone example.org.", messages[2]);
        Assert.Contains("Value should be enclosed in quotation marks", messages[3], StringComparison.Ordinal);
        Assert.Equal("RRSet with DNS name www.example.com. is not permitted in zone example.org.", messages[4]);
    }

    [Fact]
    public async Task Record_and_value_limits_count_upserts_twice()
    {
        var zone = _emulator.CreateHostedZone("example.org");
        var values = Enumerable.Range(0, 501).Select(i => $"192.0.{i / 256}.{i % 256}").ToArray();
        var (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(Change("CREATE", "many.example.org", "A", values)));
        Assert.Equal(200, status);

        (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(Change("UPSERT", "many.example.org", "A", values)));
        Assert.Equal(400, status);
        var error = XDocument.Parse(body).Root!.Element(Ns + "Error")!;
        Assert.Equal("InvalidChangeBatch", error.Element(Ns + "Code")!.Value);
        Assert.Equal("Number of records limit of 1000 exceeded.", error.Element(Ns + "Message")!.Value);

        var longValue = "\"" + new string('x', 16000) + "\"";
        (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(Change("UPSERT", "long.example.org", "TXT", longValue)));
        Assert.Equal(400, status);
        Assert.Contains("32000", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routing_policies_and_alias_records_round_trip_and_need_a_set_identifier()
    {
        var zone = _emulator.CreateHostedZone("example.org");
        var weighted = "<Change><Action>CREATE</Action><ResourceRecordSet><Name>w.example.org</Name><Type>A</Type><SetIdentifier>one</SetIdentifier><Weight>10</Weight><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords><HealthCheckId>hc-1</HealthCheckId></ResourceRecordSet></Change>";
        var geo = "<Change><Action>CREATE</Action><ResourceRecordSet><Name>g.example.org</Name><Type>A</Type><SetIdentifier>eu</SetIdentifier><GeoLocation><ContinentCode>EU</ContinentCode></GeoLocation><AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId><DNSName>My-LB-1.us-east-1.elb.amazonaws.com</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget></ResourceRecordSet></Change>";
        var proximity = "<Change><Action>CREATE</Action><ResourceRecordSet><Name>p.example.org</Name><Type>A</Type><SetIdentifier>near</SetIdentifier><GeoProximityLocation><Coordinates><Latitude>49.22</Latitude><Longitude>-74.01</Longitude></Coordinates><Bias>10</Bias></GeoProximityLocation><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>";
        var (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(weighted, geo, proximity));
        Assert.Equal(200, status);
        var w = _emulator.Find(zone.Id, "w.example.org", "A", "one")!;
        Assert.Equal((10L, "hc-1"), (w.Weight!.Value, w.HealthCheckId!));
        var g = _emulator.Find(zone.Id, "g.example.org", "A", "eu")!;
        Assert.Equal(new Route53AliasTarget("Z35SXDOTRQ7X7K", "my-lb-1.us-east-1.elb.amazonaws.com.", true), g.AliasTarget);
        Assert.Null(g.Ttl);
        Assert.Equal(new Route53GeoProximity(null, null, "49.22", "-74.01", 10), _emulator.Find(zone.Id, "p.example.org", "A", "near")!.GeoProximity);

        (status, body) = await _client.SendAsync("GET", $"/2013-04-01/hostedzone/{zone.Id}/rrset");
        var listed = XDocument.Parse(body).Descendants(Ns + "ResourceRecordSet").Single(e => e.Element(Ns + "Name")!.Value == "g.example.org.");
        Assert.Equal("EU", listed.Element(Ns + "GeoLocation")!.Element(Ns + "ContinentCode")!.Value);
        Assert.Equal("my-lb-1.us-east-1.elb.amazonaws.com.", listed.Element(Ns + "AliasTarget")!.Element(Ns + "DNSName")!.Value);

        var missingPolicy = "<Change><Action>CREATE</Action><ResourceRecordSet><Name>x.example.org</Name><Type>A</Type><SetIdentifier>x</SetIdentifier><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>";
        (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(missingPolicy));
        Assert.Equal(400, status);
        Assert.Contains("but found none", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_zone_alias_needs_an_existing_target()
    {
        var zone = _emulator.CreateHostedZone("example.org");
        var alias = $"<Change><Action>CREATE</Action><ResourceRecordSet><Name>alias.example.org</Name><Type>A</Type><AliasTarget><HostedZoneId>{zone.Id}</HostedZoneId><DNSName>target.example.org</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget></ResourceRecordSet></Change>";
        var (status, body) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(alias));
        Assert.Equal(400, status);
        Assert.Contains("but that target was not found", body, StringComparison.Ordinal);

        (status, _) = await _client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(Change("CREATE", "target.example.org", "A", "192.0.2.1"), alias));
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task GetChange_goes_from_pending_to_insync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var emulator = await Route53Emulator.StartAsync(time);
        emulator.AddCredentials(AccessKey, Secret);
        emulator.ChangeSyncDelay = TimeSpan.FromSeconds(30);
        using var client = new SdkSignedClient(emulator.BaseAddress, AccessKey, Secret);
        var zone = emulator.CreateHostedZone("example.org");
        var (_, body) = await client.SendAsync("POST", $"/2013-04-01/hostedzone/{zone.Id}/rrset", body: ChangeBatch(Change("CREATE", "a.example.org", "A", "192.0.2.1")));
        var id = XDocument.Parse(body).Descendants(Ns + "Id").Single().Value;
        Assert.StartsWith("/change/", id, StringComparison.Ordinal);

        var (status, change) = await client.SendAsync("GET", "/2013-04-01/change/" + id["/change/".Length..]);
        Assert.Equal(200, status);
        Assert.Equal("PENDING", XDocument.Parse(change).Descendants(Ns + "Status").Single().Value);
        time.Advance(TimeSpan.FromSeconds(31));
        (_, change) = await client.SendAsync("GET", "/2013-04-01/change/" + id["/change/".Length..]);
        Assert.Equal("INSYNC", XDocument.Parse(change).Descendants(Ns + "Status").Single().Value);
        Assert.Equal(404, (await client.SendAsync("GET", "/2013-04-01/change/CNOPE")).Status);
    }

    [Fact]
    public async Task ListTagsForResources_takes_at_most_ten_ids()
    {
        var tagged = _emulator.CreateHostedZone("tagged.example.org", tags: new Dictionary<string, string> { ["env"] = "prod" });
        var plain = _emulator.CreateHostedZone("plain.example.org");
        var (status, body) = await _client.SendAsync("POST", "/2013-04-01/tags/hostedzone", body: Tags(tagged.Id, plain.Id));
        Assert.Equal(200, status);
        var sets = XDocument.Parse(body).Descendants(Ns + "ResourceTagSet").ToList();
        Assert.Equal([tagged.Id, plain.Id], sets.Select(s => s.Element(Ns + "ResourceId")!.Value));
        Assert.Equal("prod", sets[0].Descendants(Ns + "Value").Single().Value);
        Assert.Empty(sets[1].Descendants(Ns + "Tag"));

        (status, body) = await _client.SendAsync("POST", "/2013-04-01/tags/hostedzone", body: Tags([.. Enumerable.Repeat(tagged.Id, 11)]));
        Assert.Equal(400, status);
        Assert.Contains("<Code>InvalidInput</Code>", body, StringComparison.Ordinal);
        Assert.Equal(404, (await _client.SendAsync("POST", "/2013-04-01/tags/hostedzone", body: Tags("ZNOPE"))).Status);
    }

    [Fact]
    public async Task Injected_faults_answer_with_route53_errors_then_clear()
    {
        _emulator.CreateHostedZone("example.org");
        _emulator.Faults.FailNext(2, Route53FaultKind.Throttling, Route53Emulator.ListHostedZones);
        _emulator.Faults.FailNext(1, Route53FaultKind.ServiceUnavailable);
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await _client.SendAsync("GET", "/2013-04-01/hostedzone");
            Assert.Equal(400, status);
            Assert.Equal(("Throttling", "Rate exceeded"), (XDocument.Parse(body).Descendants(Ns + "Code").Single().Value, XDocument.Parse(body).Descendants(Ns + "Message").Single().Value));
        }

        Assert.Equal(503, (await _client.SendAsync("GET", "/2013-04-01/hostedzone")).Status);
        Assert.Equal(200, (await _client.SendAsync("GET", "/2013-04-01/hostedzone")).Status);
        Assert.Equal(4, _emulator.Calls.Count(Route53Emulator.ListHostedZones));

        _emulator.Faults.FailNext(1, Route53FaultKind.PriorRequestNotComplete, Route53Emulator.ChangeResourceRecordSets);
        Assert.Equal(200, (await _client.SendAsync("GET", "/2013-04-01/hostedzone")).Status);
    }

    [Fact]
    public async Task GetHostedZone_reports_vpcs_of_private_zones()
    {
        var zone = _emulator.CreateHostedZone("internal.example.org", vpc: ("eu-west-1", "vpc-123"));
        var (status, body) = await _client.SendAsync("GET", "/2013-04-01/hostedzone/" + zone.Id);
        Assert.Equal(200, status);
        var doc = XDocument.Parse(body);
        Assert.Equal("vpc-123", doc.Descendants(Ns + "VPCId").Single().Value);
        Assert.Equal("true", doc.Descendants(Ns + "PrivateZone").Single().Value);
        Assert.Equal(404, (await _client.SendAsync("GET", "/2013-04-01/hostedzone/ZNOPE")).Status);
    }

    private static string Change(string action, string name, string type, params string[] values)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<Change><Action>{action}</Action><ResourceRecordSet><Name>{name}</Name><Type>{type}</Type><TTL>300</TTL><ResourceRecords>");
        foreach (var v in values)
        {
            sb.Append("<ResourceRecord><Value>").Append(System.Security.SecurityElement.Escape(v)).Append("</Value></ResourceRecord>");
        }

        return sb.Append("</ResourceRecords></ResourceRecordSet></Change>").ToString();
    }

    private static string ChangeBatch(params string[] changes) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><ChangeResourceRecordSetsRequest xmlns=\"{Ns.NamespaceName}\"><ChangeBatch><Changes>{string.Concat(changes)}</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>";

    private static string Tags(params string[] ids) =>
        $"<ListTagsForResourcesRequest xmlns=\"{Ns.NamespaceName}\"><ResourceIds>{string.Concat(ids.Select(i => $"<ResourceId>{i}</ResourceId>"))}</ResourceIds></ListTagsForResourcesRequest>";
}
