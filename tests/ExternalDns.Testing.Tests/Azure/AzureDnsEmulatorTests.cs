using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Azure;

namespace ExternalDns.Testing.Tests.Azure;

public sealed class AzureDnsEmulatorTests : IAsyncLifetime
{
    private const string Rg = "dns-rg";
    private AzureDnsEmulator _emulator = null!;
    private HttpClient _client = null!;

    private string Sub => _emulator.Options.SubscriptionId;

    private string PublicZone(string zone) => $"/subscriptions/{Sub}/resourceGroups/{Rg}/providers/Microsoft.Network/dnsZones/{zone}";

    private string PrivateZone(string zone) => $"/subscriptions/{Sub}/resourceGroups/{Rg}/providers/Microsoft.Network/privateDnsZones/{zone}";

    public async Task InitializeAsync()
    {
        _emulator = await AzureDnsEmulator.StartAsync();
        _emulator.AddZone(AzureZoneKind.Public, Rg, "example.com");
        _emulator.AddZone(AzureZoneKind.Private, Rg, "internal.example");
        _client = new HttpClient(_emulator.CreateHttpMessageHandler(), disposeHandler: true) { BaseAddress = _emulator.BaseAddress };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _emulator.GetTokenAsync());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Requests_without_a_valid_token_get_401_with_the_arm_error_code()
    {
        using var anonymous = new HttpClient(_emulator.CreateHttpMessageHandler(), disposeHandler: true) { BaseAddress = _emulator.BaseAddress };
        var url = PublicZone("example.com") + "/all?api-version=2018-05-01";

        using var missing = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "made-up") } };
        using var invalid = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("AuthenticationFailed", await ErrorCodeAsync(missing));
        Assert.Contains("Bearer", missing.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("InvalidAuthenticationToken", await ErrorCodeAsync(invalid));
    }

    [Fact]
    public async Task Expired_and_wrong_audience_tokens_are_refused()
    {
        using var wrongAudience = await TokenAsync(_emulator.Options.ClientId, _emulator.Options.ClientSecret, "https://vault.azure.net/.default");
        var token = (await JsonBodyAsync(wrongAudience))["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, PublicZone("example.com") + "?api-version=2018-05-01") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        using var audience = await _client.SendAsync(request);

        _emulator.ExpireTokens();
        using var expired = await _client.GetAsync(new Uri(PublicZone("example.com") + "?api-version=2018-05-01", UriKind.Relative));

        Assert.Equal("InvalidAuthenticationTokenAudience", await ErrorCodeAsync(audience));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("ExpiredAuthenticationToken", await ErrorCodeAsync(expired));
    }

    [Fact]
    public async Task Token_endpoint_checks_tenant_client_and_secret()
    {
        using var good = await TokenAsync(_emulator.Options.ClientId, _emulator.Options.ClientSecret);
        using var badSecret = await TokenAsync(_emulator.Options.ClientId, "wrong");
        using var badClient = await TokenAsync("00000000-0000-0000-0000-000000000000", _emulator.Options.ClientSecret);
        using var badTenant = await TokenAsync(_emulator.Options.ClientId, _emulator.Options.ClientSecret, tenant: "other-tenant");

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var body = await JsonBodyAsync(good);
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.True(body["expires_in"]!.GetValue<long>() > 3000);
        Assert.Equal(HttpStatusCode.Unauthorized, badSecret.StatusCode);
        Assert.Equal("invalid_client", (await JsonBodyAsync(badSecret))["error"]!.GetValue<string>());
        Assert.Contains("AADSTS700016", (await JsonBodyAsync(badClient))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("AADSTS90002", (await JsonBodyAsync(badTenant))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Federated_assertion_is_exchanged_only_when_it_matches_a_federated_credential()
    {
        using var good = await AssertionAsync(_emulator.CreateFederatedToken());
        using var otherSubject = await AssertionAsync(_emulator.CreateFederatedToken(subject: "system:serviceaccount:default:intruder"));
        using var expired = await AssertionAsync(_emulator.CreateFederatedToken(lifetime: TimeSpan.FromMinutes(-5)));
        var tampered = _emulator.CreateFederatedToken();
        using var forged = await AssertionAsync(tampered[..^4] + (tampered.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains(_emulator.IssuedTokens, t => t.Flow == "ClientAssertion");
        Assert.Contains("AADSTS70021", (await JsonBodyAsync(otherSubject))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("expired", (await JsonBodyAsync(expired))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("signature", (await JsonBodyAsync(forged))["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Managed_identity_endpoint_needs_the_identity_header()
    {
        var url = $"msi/token?api-version=2019-08-01&resource={Uri.EscapeDataString("https://management.azure.com/")}";
        using var anonymous = new HttpClient(_emulator.CreateHttpMessageHandler(), disposeHandler: true) { BaseAddress = _emulator.BaseAddress };
        using var without = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "X-IDENTITY-HEADER", _emulator.Options.ManagedIdentityHeader } } };
        using var with = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        var body = await JsonBodyAsync(with);
        Assert.Equal(_emulator.Options.ManagedIdentityClientId, body["client_id"]!.GetValue<string>());
        Assert.True(long.Parse(body["expires_on"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("", "MissingApiVersionParameter")]
    [InlineData("?api-version=yesterday", "InvalidApiVersionParameter")]
    [InlineData("?api-version=2017-09-01", "NoRegisteredProviderFound")]
    [InlineData("?api-version=2024-06-01", "NoRegisteredProviderFound")]
    public async Task Api_version_is_enforced_per_resource_provider(string query, string code)
    {
        using var response = await _client.GetAsync(new Uri(PublicZone("example.com") + "/all" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Zones_are_listed_per_resource_group_and_per_subscription_with_paging()
    {
        _emulator.AddZone(AzureZoneKind.Public, Rg, "example.org");
        _emulator.AddZone(AzureZoneKind.Public, "other-rg", "example.net");

        var inGroup = await ReadAllAsync($"/subscriptions/{Sub}/resourceGroups/{Rg}/providers/Microsoft.Network/dnszones?api-version=2018-05-01&$top=1");
        var all = await ReadAllAsync($"/subscriptions/{Sub}/providers/Microsoft.Network/dnszones?api-version=2018-05-01&$top=2");
        var privateZones = await ReadAllAsync($"/subscriptions/{Sub}/providers/Microsoft.Network/privateDnsZones?api-version=2024-06-01");
        using var missingGroup = await _client.GetAsync(new Uri($"/subscriptions/{Sub}/resourceGroups/nope/providers/Microsoft.Network/dnszones?api-version=2018-05-01", UriKind.Relative));

        Assert.Equal(["example.com", "example.org"], inGroup.Items.Select(z => z["name"]!.GetValue<string>()).Order());
        Assert.Equal(2, inGroup.Pages);
        Assert.Equal(3, all.Items.Count);
        Assert.Equal(2, all.Pages);
        Assert.Equal("Microsoft.Network/privateDnsZones", privateZones.Items.Single()["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missingGroup.StatusCode);
        Assert.Equal("ResourceGroupNotFound", await ErrorCodeAsync(missingGroup));
    }

    [Fact]
    public async Task Record_sets_page_with_top_and_next_link_in_all_three_list_operations()
    {
        for (var i = 0; i < 25; i++)
        {
            _emulator.SetRecordSet(AzureZoneKind.Public, Rg, "example.com", $"host{i:D2}", "A", 300, [$"192.0.2.{i}"]);
            _emulator.SetRecordSet(AzureZoneKind.Public, Rg, "example.com", $"host{i:D2}", "TXT", 300, ["\"owner\""]);
        }

        var all = await ReadAllAsync(PublicZone("example.com") + "/all?api-version=2018-05-01&$top=10");
        var recordsets = await ReadAllAsync(PublicZone("example.com") + "/recordsets?api-version=2018-05-01&$top=7");
        var byType = await ReadAllAsync(PublicZone("example.com") + "/A?api-version=2018-05-01&$top=10");
        var defaultPage = await ReadAllAsync(PublicZone("example.com") + "/all?api-version=2018-05-01");

        Assert.Equal(52, all.Items.Count); // + SOA and NS at the apex
        Assert.Equal(6, all.Pages);
        Assert.Equal(52, all.Items.Select(r => r["id"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(52, recordsets.Items.Count);
        Assert.Equal(25, byType.Items.Count);
        Assert.Equal(3, byType.Pages);
        Assert.All(byType.Items, r => Assert.Equal("Microsoft.Network/dnszones/A", r["type"]!.GetValue<string>()));
        Assert.Equal(1, defaultPage.Pages);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    public async Task Top_outside_1_to_1000_is_a_bad_request(string top)
    {
        using var response = await _client.GetAsync(new Uri(PublicZone("example.com") + $"/all?api-version=2018-05-01&$top={top}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between '1' and '1000'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_creates_then_updates_with_etags_and_the_public_property_names()
    {
        var url = PublicZone("example.com") + "/A/www?api-version=2018-05-01";
        const string body = """{"properties":{"TTL":60,"metadata":{"team":"dns"},"ARecords":[{"ipv4Address":"192.0.2.1"},{"ipv4Address":"192.0.2.2"}]}}""";

        using var created = await SendAsync(HttpMethod.Put, url, body, ifNoneMatch: "*");
        var etag = (await JsonBodyAsync(created))["etag"]!.GetValue<string>();
        using var again = await SendAsync(HttpMethod.Put, url, body, ifNoneMatch: "*");
        using var stale = await SendAsync(HttpMethod.Put, url, body, ifMatch: "\"00000000-0000-0000-0000-000000000000\"");
        using var updated = await SendAsync(HttpMethod.Put, url, """{"properties":{"TTL":120,"ARecords":[{"ipv4Address":"192.0.2.3"}]}}""", ifMatch: etag);
        var updatedBody = await JsonBodyAsync(updated);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
        Assert.Equal("PreconditionFailed", await ErrorCodeAsync(stale));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updatedBody["etag"]!.GetValue<string>());
        Assert.Equal(120, updatedBody["properties"]!["TTL"]!.GetValue<long>());
        Assert.Equal("www.example.com.", updatedBody["properties"]!["fqdn"]!.GetValue<string>());
        Assert.Equal("192.0.2.3", updatedBody["properties"]!["ARecords"]![0]!["ipv4Address"]!.GetValue<string>());
        var stored = _emulator.Find(AzureZoneKind.Public, Rg, "example.com", "www", "A")!;
        Assert.Equal(["192.0.2.3"], stored.Values);
        Assert.Empty(stored.Metadata);
    }

    [Fact]
    public async Task Private_zones_use_camel_case_properties_and_list_with_ALL()
    {
        using var created = await SendAsync(HttpMethod.Put, PrivateZone("internal.example") + "/CNAME/app?api-version=2024-06-01",
            """{"properties":{"ttl":30,"metadata":{"k":"v"},"cnameRecord":{"cname":"lb.internal.example"}}}""");
        var all = await ReadAllAsync(PrivateZone("internal.example") + "/ALL?api-version=2024-06-01");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var app = all.Items.Single(r => r["name"]!.GetValue<string>() == "app");
        Assert.Equal("Microsoft.Network/privateDnsZones/CNAME", app["type"]!.GetValue<string>());
        Assert.Equal(30, app["properties"]!["ttl"]!.GetValue<long>());
        Assert.False(app["properties"]!["isAutoRegistered"]!.GetValue<bool>());
        Assert.Equal("lb.internal.example", app["properties"]!["cnameRecord"]!["cname"]!.GetValue<string>());
        Assert.Equal("v", app["properties"]!["metadata"]!["k"]!.GetValue<string>());
        Assert.Contains(all.Items, r => r["type"]!.GetValue<string>() == "Microsoft.Network/privateDnsZones/SOA");
    }

    [Fact]
    public async Task Invalid_record_sets_are_rejected_with_400_or_409()
    {
        _emulator.SetRecordSet(AzureZoneKind.Public, Rg, "example.com", "alias", "CNAME", 300, ["target.example.net"]);

        using var badAddress = await SendAsync(HttpMethod.Put, PublicZone("example.com") + "/A/x?api-version=2018-05-01", """{"properties":{"TTL":60,"ARecords":[{"ipv4Address":"2001:db8::1"}]}}""");
        using var wrongType = await SendAsync(HttpMethod.Put, PublicZone("example.com") + "/A/x?api-version=2018-05-01", """{"properties":{"TTL":60,"CNAMERecord":{"cname":"y"}}}""");
        using var conflict = await SendAsync(HttpMethod.Put, PublicZone("example.com") + "/A/alias?api-version=2018-05-01", """{"properties":{"TTL":60,"ARecords":[{"ipv4Address":"192.0.2.1"}]}}""");
        using var noZone = await SendAsync(HttpMethod.Put, PublicZone("missing.com") + "/A/x?api-version=2018-05-01", """{"properties":{"TTL":60,"ARecords":[{"ipv4Address":"192.0.2.1"}]}}""");
        using var privateNs = await SendAsync(HttpMethod.Put, PrivateZone("internal.example") + "/NS/x?api-version=2024-06-01", """{"properties":{"ttl":60}}""");

        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        Assert.Equal("BadRequest", await ErrorCodeAsync(wrongType));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("ParentResourceNotFound", await ErrorCodeAsync(noZone));
        Assert.Equal(HttpStatusCode.BadRequest, privateNs.StatusCode);
    }

    [Fact]
    public async Task Delete_honours_if_match_and_answers_204_for_a_missing_record_set()
    {
        var etag = _emulator.SetRecordSet(AzureZoneKind.Public, Rg, "example.com", "gone", "TXT", 300, ["\"x\""]);
        var url = PublicZone("example.com") + "/TXT/gone?api-version=2018-05-01";

        using var stale = await SendAsync(HttpMethod.Delete, url, null, ifMatch: "\"stale\"");
        using var deleted = await SendAsync(HttpMethod.Delete, url, null, ifMatch: etag);
        using var missing = await SendAsync(HttpMethod.Delete, url, null);
        using var soa = await SendAsync(HttpMethod.Delete, PublicZone("example.com") + "/SOA/@?api-version=2018-05-01", null);
        using var get = await _client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, soa.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("NotFound", await ErrorCodeAsync(get));
    }

    [Fact]
    public async Task Faults_throttle_fail_reject_and_forbid_then_clear()
    {
        var url = PublicZone("example.com") + "/all?api-version=2018-05-01";
        _emulator.Faults.Throttle(1, TimeSpan.FromSeconds(7));
        _emulator.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable, "RecordSets_ListAllByDnsZone");

        using var throttled = await _client.GetAsync(new Uri(url, UriKind.Relative));
        using var failed1 = await _client.GetAsync(new Uri(url, UriKind.Relative));
        using var failed2 = await _client.GetAsync(new Uri(url, UriKind.Relative));
        using var ok = await _client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed1.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed2.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(4, _emulator.Counters["RecordSets_ListAllByDnsZone"]);

        _emulator.Faults.RejectWrites(w => w.Name == "bad", "no such luck");
        using var rejected = await SendAsync(HttpMethod.Put, PublicZone("example.com") + "/A/bad?api-version=2018-05-01", """{"properties":{"TTL":60,"ARecords":[{"ipv4Address":"192.0.2.1"}]}}""");
        using var accepted = await SendAsync(HttpMethod.Put, PublicZone("example.com") + "/A/good?api-version=2018-05-01", """{"properties":{"TTL":60,"ARecords":[{"ipv4Address":"192.0.2.1"}]}}""");
        _emulator.Faults.ForbidWrites = true;
        using var forbidden = await SendAsync(HttpMethod.Delete, PublicZone("example.com") + "/A/good?api-version=2018-05-01", null);
        _emulator.Faults.Clear();
        using var afterClear = await SendAsync(HttpMethod.Put, PublicZone("example.com") + "/A/bad?api-version=2018-05-01", """{"properties":{"TTL":60,"ARecords":[{"ipv4Address":"192.0.2.1"}]}}""");

        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("no such luck", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("AuthorizationFailed", await ErrorCodeAsync(forbidden));
        Assert.Equal(HttpStatusCode.Created, afterClear.StatusCode);
        Assert.Equal(4, _emulator.Counters.RecordSetWrites);
    }

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response) =>
        (await JsonBodyAsync(response))["error"]!["code"]!.GetValue<string>();

    private static async Task<JsonNode> JsonBodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private async Task<HttpResponseMessage> TokenAsync(string clientId, string secret, string scope = "https://management.azure.com/.default", string? tenant = null)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = scope,
        });
        return await _client.PostAsync(new Uri($"{tenant ?? _emulator.Options.TenantId}/oauth2/v2.0/token", UriKind.Relative), form);
    }

    private async Task<HttpResponseMessage> AssertionAsync(string assertion)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _emulator.Options.ClientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = "https://management.azure.com/.default",
        });
        return await _client.PostAsync(new Uri($"{_emulator.Options.TenantId}/oauth2/v2.0/token", UriKind.Relative), form);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body, string? ifMatch = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await _client.SendAsync(request);
    }

    private async Task<(List<JsonNode> Items, int Pages)> ReadAllAsync(string url)
    {
        var items = new List<JsonNode>();
        var pages = 0;
        string? next = url;
        while (next is not null)
        {
            using var response = await _client.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await JsonBodyAsync(response);
            items.AddRange(body["value"]!.AsArray().Select(n => n!));
            next = body["nextLink"]?.GetValue<string>();
            pages++;
        }

        return (items, pages);
    }
}
