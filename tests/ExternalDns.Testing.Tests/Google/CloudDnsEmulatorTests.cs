using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ExternalDns.Testing.Google;
using Google.Apis.Auth.OAuth2;

namespace ExternalDns.Testing.Tests.Google;

/// <summary>The Cloud DNS emulator, driven with raw HTTP and with Google's own auth library (Google.Apis.Auth).</summary>
public sealed class CloudDnsEmulatorTests : IAsyncLifetime
{
    private const string Project = "test-project";
    private CloudDnsEmulator _emulator = null!;
    private GoogleTestServiceAccount _account = null!;
    private CloudDnsZone _zone = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _emulator = await CloudDnsEmulator.StartAsync(new CloudDnsEmulatorOptions { DefaultPageSize = 2, MetadataProjectId = "meta-project" });
        _account = _emulator.CreateServiceAccount();
        _http = new HttpClient { BaseAddress = new Uri(_emulator.ApiEndpoint) };
        _zone = _emulator.AddZone(Project, "example-org", "example.org.");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _account.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Service_account_jwt_bearer_grant_from_google_apis_auth_yields_a_token_the_api_accepts()
    {
        var token = await ServiceAccountTokenAsync(_account.ToJson());

        Assert.StartsWith("ya29.", token, StringComparison.Ordinal);
        Assert.Contains(token, _emulator.IssuedTokens);
        Assert.Equal(1, _emulator.Calls(CloudDnsOperations.Token));
        using var response = await GetAsync($"projects/{Project}/managedZones", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_endpoint_rejects_an_assertion_signed_with_another_key()
    {
        using var impostor = GoogleTestServiceAccount.Create(_emulator.TokenUri, _account.ClientEmail);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => ServiceAccountTokenAsync(impostor.ToJson()));

        Assert.Contains("invalid_grant", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(_emulator.IssuedTokens);
    }

    [Fact]
    public async Task Token_endpoint_rejects_an_unregistered_account_and_a_wrong_grant_type()
    {
        using var stranger = GoogleTestServiceAccount.Create(_emulator.TokenUri, "stranger@test-project.iam.gserviceaccount.com");
        await Assert.ThrowsAnyAsync<Exception>(() => ServiceAccountTokenAsync(stranger.ToJson()));

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
        using var response = await _http.PostAsync(new Uri(_emulator.TokenUri), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unsupported_grant_type", (await JsonAsync(response))["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_calls_need_a_valid_bearer_token()
    {
        using var none = await GetAsync($"projects/{Project}/managedZones", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        var error = (await JsonAsync(none))["error"]!;
        Assert.Equal(401, error["code"]!.GetValue<int>());
        Assert.Equal("required", error["errors"]![0]!["reason"]!.GetValue<string>());

        using var bogus = await GetAsync($"projects/{Project}/managedZones", "ya29.not-issued");
        Assert.Equal(HttpStatusCode.Unauthorized, bogus.StatusCode);
        Assert.Equal("authError", (await JsonAsync(bogus))["error"]!["errors"]![0]!["reason"]!.GetValue<string>());

        var token = await ServiceAccountTokenAsync(_account.ToJson());
        _emulator.RevokeTokens();
        using var revoked = await GetAsync($"projects/{Project}/managedZones", token);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task A_read_only_token_cannot_create_changes()
    {
        var token = await ServiceAccountTokenAsync(_account.ToJson(), CloudDnsEmulator.ReadOnlyScope);

        using var list = await GetAsync($"projects/{Project}/managedZones/example-org/rrsets", token);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var write = await PostChangeAsync("example-org", token, Change(additions: [Rrset("a.example.org.", "A", 300, "10.0.0.1")]));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("insufficientPermissions", (await JsonAsync(write))["error"]!["errors"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Managed_zones_list_pages_and_shows_visibility_peering_and_forwarding()
    {
        _emulator.AddZone(Project, "private-zone", "internal.example.", "private");
        _emulator.AddZone(Project, "peer-zone", "peer.example.", "private", CloudDnsZoneKind.Peering);
        _emulator.AddZone(Project, "fwd-zone", "fwd.example.", "private", CloudDnsZoneKind.Forwarding);
        var token = await ServiceAccountTokenAsync(_account.ToJson());

        var zones = new List<JsonNode>();
        string? pageToken = null;
        var pages = 0;
        do
        {
            using var response = await GetAsync($"projects/{Project}/managedZones" + (pageToken is null ? string.Empty : "?pageToken=" + Uri.EscapeDataString(pageToken)), token);
            var json = await JsonAsync(response);
            Assert.Equal("dns#managedZonesListResponse", json["kind"]!.GetValue<string>());
            zones.AddRange(json["managedZones"]!.AsArray()!.Select(z => z!));
            pageToken = json["nextPageToken"]?.GetValue<string>();
            pages++;
        }
        while (pageToken is not null);

        Assert.Equal(2, pages);
        Assert.Equal(4, zones.Count);
        var byName = zones.ToDictionary(z => z["name"]!.GetValue<string>());
        Assert.Equal("public", byName["example-org"]["visibility"]!.GetValue<string>());
        Assert.Equal("example.org.", byName["example-org"]["dnsName"]!.GetValue<string>());
        Assert.True(ulong.TryParse(byName["example-org"]["id"]!.GetValue<string>(), out _), "id is a uint64 in a JSON string");
        Assert.Equal("private", byName["private-zone"]["visibility"]!.GetValue<string>());
        Assert.NotNull(byName["private-zone"]["privateVisibilityConfig"]);
        Assert.NotNull(byName["peer-zone"]["peeringConfig"]);
        Assert.NotNull(byName["fwd-zone"]["forwardingConfig"]);
        Assert.Null(byName["example-org"]["peeringConfig"]);

        using var one = await GetAsync($"projects/{Project}/managedZones?maxResults=1", token);
        Assert.Single((await JsonAsync(one))["managedZones"]!.AsArray());
    }

    [Fact]
    public async Task Rrsets_list_pages_through_every_record_set_once()
    {
        for (var i = 0; i < 7; i++)
        {
            _emulator.PutRecords(Project, "example-org", new CloudDnsRecordSet($"h{i}.example.org.", "A", 300, $"10.0.0.{i}"));
        }

        var token = await ServiceAccountTokenAsync(_account.ToJson());
        var names = new List<string>();
        string? pageToken = null;
        var pages = 0;
        do
        {
            using var response = await GetAsync($"projects/{Project}/managedZones/example-org/rrsets?maxResults=3" + (pageToken is null ? string.Empty : "&pageToken=" + Uri.EscapeDataString(pageToken)), token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await JsonAsync(response);
            names.AddRange(json["rrsets"]!.AsArray().Select(r => r!["name"]!.GetValue<string>() + "/" + r["type"]!.GetValue<string>()));
            pageToken = json["nextPageToken"]?.GetValue<string>();
            pages++;
        }
        while (pageToken is not null);

        Assert.Equal(3, pages); // 7 A + SOA + NS = 9 record sets, 3 per page
        Assert.Equal(9, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("example.org./SOA", names);

        using var bad = await GetAsync($"projects/{Project}/managedZones/example-org/rrsets?pageToken=garbage", token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var byId = await GetAsync($"projects/{Project}/managedZones/{_zone.Id}/rrsets?name=h1.example.org.&type=A", token);
        Assert.Single((await JsonAsync(byId))["rrsets"]!.AsArray());
        using var missing = await GetAsync($"projects/{Project}/managedZones/nope/rrsets", token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("notFound", (await JsonAsync(missing))["error"]!["errors"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changes_apply_atomically_with_exact_deletions_and_conflicting_additions_refused()
    {
        var token = await ServiceAccountTokenAsync(_account.ToJson());

        using (var created = await PostChangeAsync("example-org", token, Change(additions: [Rrset("a.example.org.", "A", 300, "10.0.0.1", "10.0.0.2")])))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var change = await JsonAsync(created);
            Assert.Equal("dns#change", change["kind"]!.GetValue<string>());
            Assert.Equal("pending", change["status"]!.GetValue<string>());
            using var polled = await GetAsync($"projects/{Project}/managedZones/example-org/changes/{change["id"]!.GetValue<string>()}", token);
            Assert.Equal("done", (await JsonAsync(polled))["status"]!.GetValue<string>());
        }

        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(additions: [Rrset("a.example.org.", "A", 300, "10.0.0.9")])), 409, "alreadyExists", "entity.change.additions[0]");

        // Wrong TTL, then wrong rrdatas: the deletion must match exactly.
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(deletions: [Rrset("a.example.org.", "A", 60, "10.0.0.1", "10.0.0.2")])), 412, "conditionNotMet", "entity.change.deletions[0]");
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(deletions: [Rrset("a.example.org.", "A", 300, "10.0.0.1")])), 412, "conditionNotMet", "entity.change.deletions[0]");
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(deletions: [Rrset("b.example.org.", "A", 300, "10.0.0.1")])), 404, "notFound", "entity.change.deletions[0]");

        // All or nothing: a valid addition beside a bad deletion is not applied.
        await AssertErrorAsync(
            await PostChangeAsync("example-org", token, Change(additions: [Rrset("c.example.org.", "A", 300, "10.0.0.3")], deletions: [Rrset("a.example.org.", "A", 300, "10.0.0.1")])),
            412, "conditionNotMet", "entity.change.deletions[0]");
        Assert.DoesNotContain(_emulator.Records(Project, "example-org"), r => r.Name == "c.example.org.");

        // Replace in one change: exact deletion (any rrdata order) plus the new set.
        using var replaced = await PostChangeAsync("example-org", token, Change(
            additions: [Rrset("a.example.org.", "A", 60, "10.0.0.7")],
            deletions: [Rrset("a.example.org.", "A", 300, "10.0.0.2", "10.0.0.1")]));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var a = Assert.Single(_emulator.Records(Project, "example-org"), r => r.Name == "a.example.org.");
        Assert.Equal(60, a.Ttl);
        Assert.Equal(["10.0.0.7"], a.Rrdatas);
        Assert.Equal(2, _emulator.ChangeCount(Project, "example-org"));
    }

    [Fact]
    public async Task Changes_refuse_invalid_record_sets_with_400()
    {
        var token = await ServiceAccountTokenAsync(_account.ToJson());

        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(additions: [Rrset("x.other.org.", "A", 300, "10.0.0.1")])), 400, "invalid", "not within the zone");
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(additions: [Rrset("x.example.org.", "A", 300, "not-an-ip")])), 400, "invalidRecordData", "rrdata[0]");
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(additions: [Rrset("x.example.org.", "CNAME", 300, "target.example.com")])), 400, "invalidRecordData", "rrdata[0]");
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change()), 400, "required", "entity.change");
        _emulator.PutRecords(Project, "example-org", new CloudDnsRecordSet("cn.example.org.", "CNAME", 300, "target.example.com."));
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(additions: [Rrset("cn.example.org.", "TXT", 300, "\"x\"")])), 400, "cnameResourceRecordSetConflict", "CNAME");
    }

    [Fact]
    public async Task Injected_faults_hit_the_next_calls_then_the_api_recovers_and_calls_are_counted()
    {
        var token = await ServiceAccountTokenAsync(_account.ToJson());
        _emulator.FailNext(2, 429);
        _emulator.FailNext(1, 403, operation: CloudDnsOperations.ResourceRecordSetsList);
        _emulator.FailNext(1, 503, operation: CloudDnsOperations.ChangesCreate);

        var path = $"projects/{Project}/managedZones";
        await AssertErrorAsync(await GetAsync(path, token), 429, "rateLimitExceeded", "Rate Limit Exceeded");
        await AssertErrorAsync(await GetAsync(path + "/example-org/rrsets", token), 429, "rateLimitExceeded", "Rate Limit Exceeded");
        await AssertErrorAsync(await GetAsync(path + "/example-org/rrsets", token), 403, "rateLimitExceeded", "Rate Limit Exceeded");
        await AssertErrorAsync(await PostChangeAsync("example-org", token, Change(additions: [Rrset("a.example.org.", "A", 300, "10.0.0.1")])), 503, "backendError", "Backend Error");
        using var ok = await GetAsync(path, token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        Assert.Equal(2, _emulator.Calls(CloudDnsOperations.ManagedZonesList));
        Assert.Equal(2, _emulator.Calls(CloudDnsOperations.ResourceRecordSetsList));
        Assert.Equal(1, _emulator.Calls(CloudDnsOperations.ChangesCreate));
        Assert.Equal(5, _emulator.ApiCalls);
        Assert.DoesNotContain(_emulator.Records(Project, "example-org"), r => r.Name == "a.example.org.");
    }

    [Fact]
    public async Task Metadata_server_needs_the_flavor_header_and_serves_project_and_a_token_to_compute_credential()
    {
        using var noHeader = await _http.GetAsync(new Uri(_emulator.BaseAddress, "computeMetadata/v1/project/project-id"));
        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.BaseAddress, "computeMetadata/v1/project/project-id"));
        request.Headers.Add("Metadata-Flavor", "Google");
        using var project = await _http.SendAsync(request);
        Assert.Equal("meta-project", await project.Content.ReadAsStringAsync());
        Assert.Equal("Google", project.Headers.GetValues("Metadata-Flavor").Single());

        var compute = new ComputeCredential(new ComputeCredential.Initializer(
            new Uri(_emulator.BaseAddress, "computeMetadata/v1/instance/service-accounts/default/token").ToString(),
            new Uri(_emulator.BaseAddress, "computeMetadata/v1/instance/service-accounts/default/identity").ToString()));
        var token = await ((ITokenAccess)compute).GetAccessTokenForRequestAsync(null, CancellationToken.None);
        using var zones = await GetAsync($"projects/{Project}/managedZones", token);
        Assert.Equal(HttpStatusCode.OK, zones.StatusCode);
        Assert.Equal(1, _emulator.Calls(CloudDnsOperations.MetadataToken));

        _emulator.SetMetadataProjectId(null);
        using var request2 = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.BaseAddress, "computeMetadata/v1/project/project-id"));
        request2.Headers.Add("Metadata-Flavor", "Google");
        using var gone = await _http.SendAsync(request2);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task<string> ServiceAccountTokenAsync(string json, string scope = CloudDnsEmulator.ReadWriteScope)
    {
        var credential = CredentialFactory.FromJson<ServiceAccountCredential>(json).ToGoogleCredential().CreateScoped(scope);
        return await ((ITokenAccess)credential).GetAccessTokenForRequestAsync(null, CancellationToken.None);
    }

    private Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostChangeAsync(string zone, string token, JsonObject change)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"projects/{Project}/managedZones/{zone}/changes")
        {
            Content = new StringContent(change.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }

    private static JsonObject Change(JsonObject[]? additions = null, JsonObject[]? deletions = null)
    {
        var change = new JsonObject { ["kind"] = "dns#change" };
        if (additions is not null)
        {
            change["additions"] = new JsonArray([.. additions]);
        }

        if (deletions is not null)
        {
            change["deletions"] = new JsonArray([.. deletions]);
        }

        return change;
    }

    private static JsonObject Rrset(string name, string type, int ttl, params string[] rrdatas) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["ttl"] = ttl,
        ["rrdatas"] = new JsonArray([.. rrdatas.Select(d => (JsonNode)d)]),
    };

    private static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string reason, string messagePart)
    {
        using (response)
        {
            Assert.Equal(status, (int)response.StatusCode);
            var error = (await JsonAsync(response))["error"]!;
            Assert.Equal(status, error["code"]!.GetValue<int>());
            var item = error["errors"]![0]!;
            Assert.Equal(reason, item["reason"]!.GetValue<string>());
            Assert.NotNull(item["domain"]);
            Assert.Contains(messagePart, item["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
