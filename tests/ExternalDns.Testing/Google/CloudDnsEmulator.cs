using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ExternalDns.Testing.Google;

/// <summary>
/// An in-process Google Cloud DNS v1 emulator (Kestrel, plain HTTP on 127.0.0.1 and a random port), written from the
/// public REST reference. It serves:
/// <list type="bullet">
/// <item>the API under <see cref="ApiEndpoint"/> (<c>/dns/v1/</c>): managedZones list/get, rrsets list (paginated with
/// <c>maxResults</c>/<c>pageToken</c>), changes create (atomic, exact-match deletions) and get (pending, then done);</item>
/// <item>the OAuth2 token endpoint (<see cref="TokenUri"/>) for the service-account JWT-bearer grant, checking the
/// assertion's signature against registered public keys;</item>
/// <item>a GCE metadata server (<c>/computeMetadata/v1/…</c>, <see cref="MetadataHost"/> for <c>GCE_METADATA_HOST</c>)
/// with the project id and a default service account token, requiring <c>Metadata-Flavor: Google</c>.</item>
/// </list>
/// Every API call needs a bearer token the emulator issued. Faults: <see cref="FailNext"/>. Counters: <see cref="Calls"/>.
/// </summary>
public sealed class CloudDnsEmulator : IAsyncDisposable
{
    public const string ReadWriteScope = "https://www.googleapis.com/auth/ndev.clouddns.readwrite";
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/ndev.clouddns.readonly";
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
    public const string CloudPlatformReadOnlyScope = "https://www.googleapis.com/auth/cloud-platform.read-only";

    /// <summary>The audience Google's token endpoint expects in a service account's assertion (Google's libraries put
    /// it there whatever the <c>token_uri</c>); the emulator also accepts its own <see cref="TokenUri"/>.</summary>
    public const string GoogleTokenAudience = "https://oauth2.googleapis.com/token";

    private const string ApiPrefix = "/dns/v1/";
    private const string MetadataPrefix = "/computeMetadata/v1/";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, CloudDnsZone>> _projects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RSA> _serviceAccounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _federated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly List<CloudDnsFault> _faults = [];
    private readonly List<string> _issued = [];
    private LoopbackHttpServer? _server;
    private ulong _nextZoneId = 1000;
    private string? _metadataProjectId;

    private CloudDnsEmulator(CloudDnsEmulatorOptions options)
    {
        Options = options;
        _metadataProjectId = options.MetadataProjectId;
    }

    public CloudDnsEmulatorOptions Options { get; }

    /// <summary>http://127.0.0.1:{port}/ once started.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The API root, as <c>--google-api-endpoint</c> takes it: http://127.0.0.1:{port}/dns/v1/.</summary>
    public string ApiEndpoint => BaseAddress + "dns/v1/";

    /// <summary>The OAuth2 token endpoint, for a key file's <c>token_uri</c>.</summary>
    public string TokenUri => BaseAddress + "token";

    /// <summary>The security token service's token exchange endpoint (workload identity federation's <c>token_url</c>).</summary>
    public string StsTokenUri => BaseAddress + "sts/v1/token";

    /// <summary>127.0.0.1:{port}, as <c>GCE_METADATA_HOST</c> takes it.</summary>
    public string MetadataHost => $"127.0.0.1:{BaseAddress.Port}";

    /// <summary>Every access token issued so far (token endpoint and metadata server), for "never logged" checks.</summary>
    public IReadOnlyList<string> IssuedTokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _issued];
            }
        }
    }

    /// <summary>Cloud DNS API calls so far (all five operations, failed ones included).</summary>
    public int ApiCalls
    {
        get
        {
            lock (_lock)
            {
                return _calls.Where(c => CloudDnsOperations.IsDnsApi(c.Key)).Sum(c => c.Value);
            }
        }
    }

    public static async Task<CloudDnsEmulator> StartAsync(CloudDnsEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new CloudDnsEmulator(options ?? new CloudDnsEmulatorOptions());
        emulator._server = await LoopbackHttpServer.StartAsync(emulator.HandleAsync, cancellationToken: cancellationToken).ConfigureAwait(false);
        emulator.BaseAddress = emulator._server.BaseAddress;
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }

        lock (_lock)
        {
            foreach (var key in _serviceAccounts.Values)
            {
                key.Dispose();
            }

            _serviceAccounts.Clear();
        }
    }

    // ---- control: zones, records, accounts, faults, counters --------------------------------------------------

    /// <summary>Creates a managed zone (with the SOA and NS record sets Cloud DNS puts at its apex).</summary>
    public CloudDnsZone AddZone(string project, string name, string dnsName, string visibility = "public", CloudDnsZoneKind kind = CloudDnsZoneKind.Normal)
    {
        ArgumentException.ThrowIfNullOrEmpty(project);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(dnsName);
        var apex = dnsName.EndsWith('.') ? dnsName : dnsName + ".";
        lock (_lock)
        {
            if (!_projects.TryGetValue(project, out var zones))
            {
                zones = new Dictionary<string, CloudDnsZone>(StringComparer.Ordinal);
                _projects[project] = zones;
            }

            var zone = new CloudDnsZone(project, name, apex, ++_nextZoneId, visibility, kind, Options.TimeProvider.GetUtcNow());
            zones.Add(name, zone);
            var soa = new CloudDnsRecordSet(apex, "SOA", 21600, "ns-cloud-a1.googledomains.com. cloud-dns-hostmaster.google.com. 1 21600 3600 259200 300");
            var ns = new CloudDnsRecordSet(apex, "NS", 21600, "ns-cloud-a1.googledomains.com.", "ns-cloud-a2.googledomains.com.");
            zone.RecordSets[soa.Key] = soa;
            zone.RecordSets[ns.Key] = ns;
            return zone;
        }
    }

    /// <summary>Adds or replaces record sets directly (no change, no counters).</summary>
    public void PutRecords(string project, string zone, params CloudDnsRecordSet[] recordSets)
    {
        ArgumentNullException.ThrowIfNull(recordSets);
        lock (_lock)
        {
            var z = Zone(project, zone);
            foreach (var rrset in recordSets)
            {
                z.RecordSets[rrset.Key] = rrset;
            }
        }
    }

    /// <summary>The zone's record sets now, in list order.</summary>
    public IReadOnlyList<CloudDnsRecordSet> Records(string project, string zone)
    {
        lock (_lock)
        {
            return [.. Zone(project, zone).RecordSets.Values];
        }
    }

    /// <summary>Number of changes accepted in the zone so far.</summary>
    public int ChangeCount(string project, string zone)
    {
        lock (_lock)
        {
            return Zone(project, zone).Changes.Count;
        }
    }

    /// <summary>A new test service account whose key file points at <see cref="TokenUri"/>, registered here.</summary>
    public GoogleTestServiceAccount CreateServiceAccount(string clientEmail = "external-dns@test-project.iam.gserviceaccount.com", string projectId = "test-project")
    {
        var account = GoogleTestServiceAccount.Create(TokenUri, clientEmail, projectId);
        RegisterServiceAccount(account.ClientEmail, account.Key);
        return account;
    }

    /// <summary>Trusts <paramref name="key"/>'s public half for assertions issued by <paramref name="clientEmail"/>.</summary>
    public void RegisterServiceAccount(string clientEmail, RSA key)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientEmail);
        ArgumentNullException.ThrowIfNull(key);
        var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        lock (_lock)
        {
            if (_serviceAccounts.Remove(clientEmail, out var old))
            {
                old.Dispose();
            }

            _serviceAccounts[clientEmail] = publicKey;
        }
    }

    /// <summary>Changes the project id the metadata server reports (null: 404).</summary>
    public void SetMetadataProjectId(string? projectId)
    {
        lock (_lock)
        {
            _metadataProjectId = projectId;
        }
    }

    /// <summary>Makes every issued access token invalid (API calls get 401 until a new token is fetched).</summary>
    public void RevokeTokens()
    {
        lock (_lock)
        {
            _tokens.Clear();
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> calls (of <paramref name="operation"/>, else of every Cloud DNS API operation)
    /// fail with <paramref name="status"/> and a Google error body with <paramref name="reason"/> (429
    /// <c>rateLimitExceeded</c> by default; 403 <c>rateLimitExceeded</c>, 500 <c>backendError</c>, 503 … as given).
    /// </summary>
    public void FailNext(int count, int status = 429, string? reason = null, string? operation = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        reason ??= status switch
        {
            429 or 403 => "rateLimitExceeded",
            >= 500 => "backendError",
            _ => "invalid",
        };
        lock (_lock)
        {
            _faults.Add(new CloudDnsFault(count, status, reason, operation, retryAfter));
        }
    }

    /// <summary>Forgets every injected failure that has not fired yet.</summary>
    public void ClearFaults()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }

    /// <summary>How many calls of <paramref name="operation"/> (see <see cref="CloudDnsOperations"/>) arrived.</summary>
    public int Calls(string operation)
    {
        lock (_lock)
        {
            return _calls.GetValueOrDefault(operation);
        }
    }

    public void ResetCounters()
    {
        lock (_lock)
        {
            _calls.Clear();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        try
        {
            if (path.StartsWith(ApiPrefix, StringComparison.Ordinal))
            {
                await HandleApiAsync(context, path[ApiPrefix.Length..]).ConfigureAwait(false);
            }
            else if (path == "/token")
            {
                await HandleTokenAsync(context).ConfigureAwait(false);
            }
            else if (path == "/sts/v1/token")
            {
                await HandleStsAsync(context).ConfigureAwait(false);
            }
            else if (Options.MetadataServerEnabled && (path == "/" || path.StartsWith(MetadataPrefix, StringComparison.Ordinal) || path == "/computeMetadata/v1"))
            {
                await HandleMetadataAsync(context, path).ConfigureAwait(false);
            }
            else
            {
                await WriteErrorAsync(context, 404, CloudDnsErrors.Body(404, "notFound", $"Not Found: {path}")).ConfigureAwait(false);
            }
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, 400, CloudDnsErrors.Body(400, "parseError", "Parse Error")).ConfigureAwait(false);
        }
    }

    private async Task HandleApiAsync(HttpContext context, string rest)
    {
        var segments = rest.Split('/');
        var method = context.Request.Method;
        string? operation = (segments.Length, method) switch
        {
            (3, "GET") when segments[0] == "projects" && segments[2] == "managedZones" => CloudDnsOperations.ManagedZonesList,
            (4, "GET") when segments[0] == "projects" && segments[2] == "managedZones" => CloudDnsOperations.ManagedZonesGet,
            (5, "GET") when segments[0] == "projects" && segments[2] == "managedZones" && segments[4] == "rrsets" => CloudDnsOperations.ResourceRecordSetsList,
            (5, "POST") when segments[0] == "projects" && segments[2] == "managedZones" && segments[4] == "changes" => CloudDnsOperations.ChangesCreate,
            (6, "GET") when segments[0] == "projects" && segments[2] == "managedZones" && segments[4] == "changes" => CloudDnsOperations.ChangesGet,
            _ => null,
        };
        if (operation is null)
        {
            await WriteErrorAsync(context, 404, CloudDnsErrors.Body(404, "notFound", $"The requested URL {context.Request.Path} was not found on this server.")).ConfigureAwait(false);
            return;
        }

        var body = method == "POST" ? await ReadBodyAsync(context).ConfigureAwait(false) : null;
        var (status, response) = Dispatch(context, operation, segments.Select(Uri.UnescapeDataString).ToArray(), body);
        if (status == 200)
        {
            await WriteJsonAsync(context, 200, response).ConfigureAwait(false);
        }
        else
        {
            await WriteErrorAsync(context, status, response).ConfigureAwait(false);
        }
    }

    private (int Status, JsonObject Body) Dispatch(HttpContext context, string operation, string[] segments, JsonNode? body)
    {
        lock (_lock)
        {
            _calls[operation] = _calls.GetValueOrDefault(operation) + 1;
            var auth = Authorize(context, operation);
            if (auth is { } denied)
            {
                return denied;
            }

            if (TakeFault(operation) is { } fault)
            {
                if (fault.RetryAfter is { } after)
                {
                    context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                var message = fault.Reason switch
                {
                    "rateLimitExceeded" => "Rate Limit Exceeded",
                    "quotaExceeded" => "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute'.",
                    "backendError" => "Backend Error",
                    _ => $"Injected failure ({fault.Reason})",
                };
                var domain = fault.Reason is "rateLimitExceeded" or "quotaExceeded" ? "usageLimits" : "global";
                return (fault.Status, CloudDnsErrors.Body(fault.Status, fault.Reason, message, domain));
            }

            var project = segments[1];
            if (!_projects.TryGetValue(project, out var zones))
            {
                return (404, CloudDnsErrors.Body(404, "notFound", $"The 'parameters.project' resource named '{project}' does not exist."));
            }

            if (operation == CloudDnsOperations.ManagedZonesList)
            {
                return ListZones(context, zones);
            }

            var zone = FindZone(zones, segments[3]);
            if (zone is null)
            {
                return (404, CloudDnsErrors.Body(404, "notFound", $"The 'parameters.managedZone' resource named '{segments[3]}' does not exist."));
            }

            switch (operation)
            {
                case CloudDnsOperations.ManagedZonesGet:
                    return (200, CloudDnsJson.Zone(zone));
                case CloudDnsOperations.ResourceRecordSetsList:
                    return ListRecordSets(context, zone);
                case CloudDnsOperations.ChangesCreate:
                    return CreateChange(zone, body);
                default:
                    var change = zone.Changes.FirstOrDefault(c => c.Id == segments[5]);
                    if (change is null)
                    {
                        return (404, CloudDnsErrors.Body(404, "notFound", $"The 'parameters.changeId' resource named '{segments[5]}' does not exist."));
                    }

                    if (change.PollsUntilDone > 0)
                    {
                        change.PollsUntilDone--;
                    }

                    return (200, CloudDnsJson.Change(change));
            }
        }
    }

    private (int, JsonObject)? Authorize(HttpContext context, string operation)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\"";
            return (401, CloudDnsErrors.Body(401, "required",
                "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                location: "Authorization", locationType: "header"));
        }

        var token = header["Bearer ".Length..].Trim();
        if (!_tokens.TryGetValue(token, out var issued) || issued.Expires <= Options.TimeProvider.GetUtcNow())
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"";
            return (401, CloudDnsErrors.Body(401, "authError",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                location: "Authorization", locationType: "header"));
        }

        var write = operation == CloudDnsOperations.ChangesCreate;
        var allowed = issued.Scopes.Any(s => s is ReadWriteScope or CloudPlatformScope || (!write && s is ReadOnlyScope or CloudPlatformReadOnlyScope));
        return allowed ? null : (403, CloudDnsErrors.Body(403, "insufficientPermissions", "Request had insufficient authentication scopes."));
    }

    private CloudDnsFault? TakeFault(string operation)
    {
        foreach (var fault in _faults)
        {
            var applies = fault.Operation is null ? CloudDnsOperations.IsDnsApi(operation) : fault.Operation == operation;
            if (applies && fault.Remaining > 0)
            {
                fault.Remaining--;
                return fault;
            }
        }

        _faults.RemoveAll(f => f.Remaining == 0);
        return null;
    }

    private (int, JsonObject) ListZones(HttpContext context, Dictionary<string, CloudDnsZone> zones)
    {
        var dnsName = context.Request.Query["dnsName"].ToString();
        var all = zones.Values
            .Where(z => dnsName.Length == 0 || string.Equals(z.DnsName, dnsName.EndsWith('.') ? dnsName : dnsName + ".", StringComparison.OrdinalIgnoreCase))
            .OrderBy(z => z.Name, StringComparer.Ordinal)
            .ToList();
        if (!TryPage(context, all.Count, out var start, out var count, out var next, out var error))
        {
            return error;
        }

        var items = new JsonArray();
        foreach (var zone in all.Skip(start).Take(count))
        {
            items.Add(CloudDnsJson.Zone(zone));
        }

        var json = new JsonObject { ["kind"] = "dns#managedZonesListResponse", ["managedZones"] = items };
        if (next is not null)
        {
            json["nextPageToken"] = next;
        }

        return (200, json);
    }

    private (int, JsonObject) ListRecordSets(HttpContext context, CloudDnsZone zone)
    {
        var name = context.Request.Query["name"].ToString().ToLowerInvariant();
        var type = context.Request.Query["type"].ToString();
        if (type.Length > 0 && name.Length == 0)
        {
            return (400, CloudDnsErrors.Body(400, "required", "The 'parameters.name' parameter is required but was missing."));
        }

        var all = zone.RecordSets.Values
            .Where(r => (name.Length == 0 || r.Key.Name == name) && (type.Length == 0 || r.Type == type))
            .ToList();
        if (!TryPage(context, all.Count, out var start, out var count, out var next, out var error))
        {
            return error;
        }

        var items = new JsonArray();
        foreach (var rrset in all.Skip(start).Take(count))
        {
            items.Add(CloudDnsJson.RecordSet(rrset));
        }

        var json = new JsonObject { ["kind"] = "dns#resourceRecordSetsListResponse", ["rrsets"] = items };
        if (next is not null)
        {
            json["nextPageToken"] = next;
        }

        return (200, json);
    }

    private bool TryPage(HttpContext context, int total, out int start, out int count, out string? next, out (int, JsonObject) error)
    {
        start = 0;
        count = Options.DefaultPageSize;
        next = null;
        error = default;
        var max = context.Request.Query["maxResults"].ToString();
        if (max.Length > 0)
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var m) || m < 1)
            {
                error = (400, CloudDnsErrors.Body(400, "invalid", $"Invalid value for 'parameters.maxResults': '{max}'"));
                return false;
            }

            count = Math.Min(m, Options.MaxPageSize);
        }

        var token = context.Request.Query["pageToken"].ToString();
        if (token.Length > 0)
        {
            if (!TryDecodePageToken(token, out start) || start > total)
            {
                error = (400, CloudDnsErrors.Body(400, "invalid", $"Invalid value for 'parameters.pageToken': '{token}'"));
                return false;
            }
        }

        if (start + count < total)
        {
            next = Convert.ToBase64String(Encoding.ASCII.GetBytes("offset:" + (start + count).ToString(CultureInfo.InvariantCulture)));
        }

        return true;
    }

    private static bool TryDecodePageToken(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("offset:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private (int, JsonObject) CreateChange(CloudDnsZone zone, JsonNode? body)
    {
        if (zone.Kind != CloudDnsZoneKind.Normal)
        {
            return (400, CloudDnsErrors.Body(400, "invalid", $"The managed zone '{zone.Name}' is a {zone.Kind.ToString().ToLowerInvariant()} zone and holds no records of its own."));
        }

        if (CloudDnsChangeApplier.Parse(body, out var additions, out var deletions) is { } parseError)
        {
            return parseError;
        }

        if (CloudDnsChangeApplier.Apply(zone, additions, deletions) is { } applyError)
        {
            return applyError;
        }

        var change = new CloudDnsChangeRecord(
            (zone.Changes.Count + 1).ToString(CultureInfo.InvariantCulture), Options.TimeProvider.GetUtcNow(), additions, deletions, Options.ChangePollsUntilDone);
        zone.Changes.Add(change);
        return (200, CloudDnsJson.Change(change));
    }

    private static CloudDnsZone? FindZone(Dictionary<string, CloudDnsZone> zones, string nameOrId)
    {
        if (zones.TryGetValue(nameOrId, out var zone))
        {
            return zone;
        }

        return ulong.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? zones.Values.FirstOrDefault(z => z.Id == id) : null;
    }

    private CloudDnsZone Zone(string project, string zone) =>
        _projects.TryGetValue(project, out var zones) && zones.TryGetValue(zone, out var z)
            ? z
            : throw new InvalidOperationException($"no zone {zone} in project {project}");

    // ---- OAuth2 token endpoint ----------------------------------------------------------------------------------

    private async Task HandleTokenAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || !context.Request.HasFormContentType)
        {
            await WriteOAuthErrorAsync(context, 400, "invalid_request", "POST application/x-www-form-urlencoded expected").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        int status;
        string? error = null;
        string? description = null;
        string? token = null;
        lock (_lock)
        {
            _calls[CloudDnsOperations.Token] = _calls.GetValueOrDefault(CloudDnsOperations.Token) + 1;
            if (TakeFault(CloudDnsOperations.Token) is { } fault)
            {
                status = fault.Status;
                error = fault.Status >= 500 ? "internal_failure" : "rate_limited";
                description = $"Injected failure ({fault.Reason})";
            }
            else if (form["grant_type"].ToString() != "urn:ietf:params:oauth:grant-type:jwt-bearer")
            {
                status = 400;
                error = "unsupported_grant_type";
                description = "Invalid grant_type: " + form["grant_type"];
            }
            else
            {
                var problem = GoogleJwtAssertion.Validate(
                    form["assertion"].ToString(), iss => _serviceAccounts.GetValueOrDefault(iss), [GoogleTokenAudience, TokenUri], Options.TimeProvider.GetUtcNow(), out var issuer, out var scopes);
                if (problem is not null)
                {
                    status = 400;
                    error = "invalid_grant";
                    description = problem;
                }
                else if (scopes.Length == 0)
                {
                    status = 400;
                    error = "invalid_scope";
                    description = "Invalid OAuth scope or ID token audience provided.";
                }
                else
                {
                    status = 200;
                    token = Issue(issuer, scopes);
                }
            }
        }

        if (token is null)
        {
            await WriteOAuthErrorAsync(context, status, error!, description!).ConfigureAwait(false);
            return;
        }

        await WriteTokenAsync(context, token).ConfigureAwait(false);
    }

    // ---- security token service (workload identity federation) -------------------------------------------------

    /// <summary>Accepts <paramref name="subjectToken"/> (what an external identity provider issued) for the workload
    /// identity pool provider <paramref name="audience"/> in token exchanges.</summary>
    public void RegisterFederatedSubject(string audience, string subjectToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        ArgumentException.ThrowIfNullOrEmpty(subjectToken);
        lock (_lock)
        {
            _federated[subjectToken] = audience;
        }
    }

    private async Task HandleStsAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || !context.Request.HasFormContentType)
        {
            await WriteOAuthErrorAsync(context, 400, "invalid_request", "POST application/x-www-form-urlencoded expected").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? token = null;
        string description = string.Empty;
        lock (_lock)
        {
            _calls[CloudDnsOperations.StsToken] = _calls.GetValueOrDefault(CloudDnsOperations.StsToken) + 1;
            if (form["grant_type"].ToString() != "urn:ietf:params:oauth:grant-type:token-exchange")
            {
                description = "Invalid grant_type: " + form["grant_type"];
            }
            else if (!_federated.TryGetValue(form["subject_token"].ToString(), out var audience) || audience != form["audience"].ToString())
            {
                description = "The subject token or the audience is not valid for this workload identity pool provider.";
            }
            else
            {
                var scopes = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                token = Issue(audience, scopes.Length == 0 ? [CloudPlatformScope] : scopes);
            }
        }

        if (token is null)
        {
            await WriteOAuthErrorAsync(context, 400, "invalid_grant", description).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["access_token"] = token,
            ["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)Options.TokenLifetime.TotalSeconds - 1,
        }).ConfigureAwait(false);
    }

    // ---- GCE metadata server ------------------------------------------------------------------------------------

    private async Task HandleMetadataAsync(HttpContext context, string path)
    {
        context.Response.Headers["Metadata-Flavor"] = "Google";
        if (context.Request.Headers["Metadata-Flavor"].ToString() != "Google")
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "text/html; charset=UTF-8";
            await context.Response.WriteAsync("Missing required header: Metadata-Flavor", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        string? text = null;
        string? token = null;
        var status = 404;
        lock (_lock)
        {
            switch (path)
            {
                case "/":
                case "/computeMetadata/v1":
                case "/computeMetadata/v1/":
                    status = 200;
                    text = "computeMetadata/\n";
                    break;
                case "/computeMetadata/v1/project/project-id":
                    _calls[CloudDnsOperations.MetadataProjectId] = _calls.GetValueOrDefault(CloudDnsOperations.MetadataProjectId) + 1;
                    if (TakeFault(CloudDnsOperations.MetadataProjectId) is { } projectFault)
                    {
                        status = projectFault.Status;
                        text = "injected failure";
                    }
                    else if (_metadataProjectId is not null)
                    {
                        status = 200;
                        text = _metadataProjectId;
                    }

                    break;
                case "/computeMetadata/v1/instance/service-accounts/default/token":
                    _calls[CloudDnsOperations.MetadataToken] = _calls.GetValueOrDefault(CloudDnsOperations.MetadataToken) + 1;
                    if (TakeFault(CloudDnsOperations.MetadataToken) is { } tokenFault)
                    {
                        status = tokenFault.Status;
                        text = "injected failure";
                    }
                    else
                    {
                        var requested = context.Request.Query["scopes"].ToString();
                        var scopes = requested.Length > 0 ? requested.Split(',', StringSplitOptions.RemoveEmptyEntries) : [CloudPlatformScope];
                        token = Issue("default", scopes);
                        status = 200;
                    }

                    break;
            }
        }

        if (token is not null)
        {
            await WriteTokenAsync(context, token).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/text";
        await context.Response.WriteAsync(text ?? "Not Found", context.RequestAborted).ConfigureAwait(false);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private string Issue(string principal, string[] scopes)
    {
        var token = "ya29.emu-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = new IssuedToken(principal, scopes, Options.TimeProvider.GetUtcNow() + Options.TokenLifetime);
        _issued.Add(token);
        return token;
    }

    private async Task WriteTokenAsync(HttpContext context, string token)
    {
        var json = new JsonObject
        {
            ["access_token"] = token,
            ["expires_in"] = (int)Options.TokenLifetime.TotalSeconds - 1,
            ["token_type"] = "Bearer",
        };
        await WriteJsonAsync(context, 200, json).ConfigureAwait(false);
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static Task WriteOAuthErrorAsync(HttpContext context, int status, string error, string description) =>
        WriteJsonAsync(context, status, new JsonObject { ["error"] = error, ["error_description"] = description });

    private static Task WriteErrorAsync(HttpContext context, int status, JsonObject body) => WriteJsonAsync(context, status, body);

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record IssuedToken(string Principal, string[] Scopes, DateTimeOffset Expires);
}
