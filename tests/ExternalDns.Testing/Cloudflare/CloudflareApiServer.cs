using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Cloudflare;

/// <summary>
/// An in-process emulator of the Cloudflare API v4 (<c>https://api.cloudflare.com/client/v4</c>) over plain HTTP on
/// 127.0.0.1 and a random port, written from the public API reference: zones (paginated, name filter), DNS records
/// (list with <c>page</c>/<c>per_page</c> up to 5,000 and name/type/content filters, create, get, overwrite, edit,
/// delete), the atomic batch endpoint (deletes, patches, puts, posts in that order; 200 operations on Free zones,
/// 3,500 on paid ones; all or nothing), Cloudflare for SaaS custom hostnames (list, get, create, delete) and Regional
/// Services hostnames. Authentication is an API token (<c>Authorization: Bearer</c>, with permissions) or a Global API
/// key (<c>X-Auth-Key</c> + <c>X-Auth-Email</c>); every error is Cloudflare's envelope with its documented codes.
/// Tests seed and inspect state with the control methods, inject 429/5xx with <see cref="Faults"/> and count calls
/// per operation with <see cref="Calls"/>. Point a client at <see cref="BaseUrl"/>.
/// </summary>
public sealed class CloudflareApiServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<CloudflareZoneState> _zones = [];
    private readonly Dictionary<string, CloudflarePermissions> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Email, string Key), CloudflarePermissions> _keys = [];
    private LoopbackHttpServer? _server;

    public CloudflareApiServer(CloudflareApiServerOptions? options = null)
    {
        Options = options ?? new CloudflareApiServerOptions();
        TimeProvider = Options.TimeProvider;
        Token = Options.Token ?? NewToken();
        _tokens[Token] = Options.TokenPermissions;
        if (Options.ApiKey is not null && Options.ApiEmail is not null)
        {
            _keys[(Options.ApiEmail, Options.ApiKey)] = CloudflarePermissions.All;
        }
    }

    public CloudflareApiServerOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The API token accepted from the start.</summary>
    public string Token { get; }

    public CloudflareFaults Faults { get; } = new();

    public CloudflareCallCounter Calls { get; } = new();

    /// <summary>Every request received (without credentials), in arrival order.</summary>
    public IReadOnlyList<CloudflareRequestRecord> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. RequestLog];
            }
        }
    }

    /// <summary><c>http://127.0.0.1:{port}/client/v4</c> once started: the value for <c>CLOUDFLARE_BASE_URL</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/client/v4");

    public int Port { get; private set; }

    internal List<CloudflareRequestRecord> RequestLog { get; } = [];

    internal Lock StateLock => _lock;

    public static async Task<CloudflareApiServer> StartAsync(CloudflareApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        var server = new CloudflareApiServer(options);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("already started");
        }

        var router = new CloudflareRouter(this);
        _server = await LoopbackHttpServer.StartAsync(router.HandleAsync, cancellationToken: cancellationToken).ConfigureAwait(false);
        Port = _server.Port;
        BaseUrl = new Uri($"http://127.0.0.1:{Port}/client/v4");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    // ---- credentials ------------------------------------------------------------------------------------------

    /// <summary>Accepts another API token with the given permissions.</summary>
    public void AddToken(string token, CloudflarePermissions permissions)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        lock (_lock)
        {
            _tokens[token] = permissions;
        }
    }

    /// <summary>Makes a token unknown (its requests get 403 code 10000 from now on).</summary>
    public void RevokeToken(string token)
    {
        lock (_lock)
        {
            _tokens.Remove(token);
        }
    }

    /// <summary>Accepts a Global API key for an account e-mail (all permissions).</summary>
    public void AddGlobalKey(string email, string key)
    {
        lock (_lock)
        {
            _keys[(email, key)] = CloudflarePermissions.All;
        }
    }

    public static string NewToken()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        return RandomNumberGenerator.GetString(alphabet, 40);
    }

    // ---- seeding and inspection -------------------------------------------------------------------------------

    /// <summary>Adds a zone (id: 32 hex digits unless given).</summary>
    public CloudflareStoredZone AddZone(string name, CloudflarePlan plan = CloudflarePlan.Free, string? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var zone = new CloudflareStoredZone(id ?? NewId(), name.TrimEnd('.').ToLowerInvariant(), plan, Options.AccountId);
        lock (_lock)
        {
            if (_zones.Any(z => z.Zone.Id == zone.Id || z.Zone.Name == zone.Name))
            {
                throw new InvalidOperationException($"zone {zone.Name} ({zone.Id}) exists already");
            }

            _zones.Add(new CloudflareZoneState(zone));
        }

        return zone;
    }

    /// <summary>Removes a zone and everything in it (a zone deleted behind the client's back).</summary>
    public void RemoveZone(string zoneId)
    {
        lock (_lock)
        {
            _zones.RemoveAll(z => z.Zone.Id == zoneId);
        }
    }

    public IReadOnlyList<CloudflareStoredZone> Zones
    {
        get
        {
            lock (_lock)
            {
                return [.. _zones.Select(z => z.Zone)];
            }
        }
    }

    /// <summary>Adds a record through the same validation as the API (throws <see cref="CloudflareApiException"/>).</summary>
    public CloudflareStoredRecord AddRecord(string zoneId, string name, string type, string content, int ttl = 1, bool proxied = false,
        string? comment = null, IEnumerable<string>? tags = null, int? priority = null)
    {
        var body = new JsonObject { ["name"] = name, ["type"] = type, ["content"] = content, ["ttl"] = ttl, ["proxied"] = proxied };
        if (comment is not null)
        {
            body["comment"] = comment;
        }

        if (tags is not null)
        {
            body["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        }

        if (priority is not null)
        {
            body["priority"] = priority;
        }

        lock (_lock)
        {
            var state = ZoneOrThrow(zoneId, "/zones/" + zoneId);
            return CreateLocked(state, body);
        }
    }

    /// <summary>Adds an SRV record (<c>data</c>).</summary>
    public CloudflareStoredRecord AddSrvRecord(string zoneId, string name, CloudflareSrvData data, int ttl = 1)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["type"] = "SRV",
            ["ttl"] = ttl,
            ["data"] = new JsonObject { ["priority"] = data.Priority, ["weight"] = data.Weight, ["port"] = data.Port, ["target"] = data.Target },
        };
        lock (_lock)
        {
            return CreateLocked(ZoneOrThrow(zoneId, "/zones/" + zoneId), body);
        }
    }

    /// <summary>The zone's records in list order.</summary>
    public IReadOnlyList<CloudflareStoredRecord> Records(string zoneId)
    {
        lock (_lock)
        {
            return [.. ZoneOrThrow(zoneId, "/zones/" + zoneId).Sorted];
        }
    }

    /// <summary>Changes a stored record behind the client's back (out-of-band edits, drift).</summary>
    public void ReplaceRecord(CloudflareStoredRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_lock)
        {
            var state = ZoneOrThrow(record.ZoneId, "/zones/" + record.ZoneId);
            var before = state.Find(record.Id) ?? throw CloudflareApiException.RecordNotFound();
            state.Replace(before, record with { ModifiedOn = TimeProvider.GetUtcNow() });
        }
    }

    public IReadOnlyList<CloudflareStoredCustomHostname> CustomHostnames(string zoneId)
    {
        lock (_lock)
        {
            return [.. ZoneOrThrow(zoneId, "/zones/" + zoneId).CustomHostnames];
        }
    }

    public CloudflareStoredCustomHostname AddCustomHostname(string zoneId, string hostname, string? customOriginServer)
    {
        var body = new JsonObject { ["hostname"] = hostname, ["ssl"] = new JsonObject { ["method"] = "http", ["type"] = "dv" } };
        if (customOriginServer is not null)
        {
            body["custom_origin_server"] = customOriginServer;
        }

        lock (_lock)
        {
            return CreateCustomHostnameLocked(ZoneOrThrow(zoneId, "/zones/" + zoneId), body);
        }
    }

    public IReadOnlyList<CloudflareStoredRegionalHostname> RegionalHostnames(string zoneId)
    {
        lock (_lock)
        {
            return [.. ZoneOrThrow(zoneId, "/zones/" + zoneId).RegionalHostnames];
        }
    }

    public CloudflareStoredRegionalHostname AddRegionalHostname(string zoneId, string hostname, string regionKey)
    {
        lock (_lock)
        {
            return CreateRegionalLocked(ZoneOrThrow(zoneId, "/zones/" + zoneId), new JsonObject { ["hostname"] = hostname, ["region_key"] = regionKey });
        }
    }

    // ---- operations (called by the router with the lock held) ---------------------------------------------------

    internal CloudflarePermissions? Authenticate(string? authorization, string? key, string? email, out CloudflareApiException? error)
    {
        error = null;
        if (!string.IsNullOrEmpty(authorization))
        {
            const string bearer = "Bearer ";
            var token = authorization.StartsWith(bearer, StringComparison.Ordinal) ? authorization[bearer.Length..].Trim() : null;
            if (string.IsNullOrEmpty(token) || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                error = new CloudflareApiException(400, [new CloudflareErrorItem(6003, "Invalid request headers", [new CloudflareErrorItem(6111, "Invalid format for Authorization header")])]);
                return null;
            }

            if (_tokens.TryGetValue(token, out var permissions))
            {
                return permissions;
            }

            error = CloudflareApiException.AuthenticationError();
            return null;
        }

        if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(email))
        {
            error = new CloudflareApiException(400, [new CloudflareErrorItem(9106, "Missing X-Auth-Email header"), new CloudflareErrorItem(9107, "Missing X-Auth-Key header")]);
            return null;
        }

        if (string.IsNullOrEmpty(email))
        {
            error = CloudflareApiException.Single(400, 9106, "Missing X-Auth-Email header");
            return null;
        }

        if (string.IsNullOrEmpty(key))
        {
            error = CloudflareApiException.Single(400, 9107, "Missing X-Auth-Key header");
            return null;
        }

        if (!key.All(char.IsAsciiLetterOrDigit))
        {
            error = new CloudflareApiException(400, [new CloudflareErrorItem(6003, "Invalid request headers", [new CloudflareErrorItem(6103, "Invalid format for X-Auth-Key header")])]);
            return null;
        }

        if (_keys.TryGetValue((email, key), out var keyPermissions))
        {
            return keyPermissions;
        }

        error = CloudflareApiException.Single(403, 9103, "Unknown X-Auth-Key or X-Auth-Email");
        return null;
    }

    internal (JsonNode Result, JsonObject Info) ListZones(IReadOnlyDictionary<string, string> query)
    {
        var (page, perPage) = Paging(query, 20, 5, 50);
        IEnumerable<CloudflareZoneState> zones = _zones;
        if (query.TryGetValue("name", out var name))
        {
            var wanted = name.TrimEnd('.').ToLowerInvariant();
            zones = zones.Where(z => z.Zone.Name == wanted);
        }

        if (query.TryGetValue("status", out var status) && status != "active")
        {
            zones = [];
        }

        if (query.TryGetValue("account.id", out var account))
        {
            zones = zones.Where(z => z.Zone.AccountId == account);
        }

        var all = zones.ToList();
        var slice = all.Skip((page - 1) * perPage).Take(perPage).Select(z => (JsonNode)CloudflareWire.Zone(z.Zone)).ToArray();
        return (new JsonArray(slice), CloudflareWire.ResultInfo(page, perPage, slice.Length, all.Count));
    }

    internal JsonNode GetZone(string zoneId, string path) => CloudflareWire.Zone(ZoneOrThrow(zoneId, path).Zone);

    internal (JsonNode Result, JsonObject Info) ListRecords(string zoneId, string path, IReadOnlyDictionary<string, string> query)
    {
        var state = ZoneOrThrow(zoneId, path);
        var (page, perPage) = Paging(query, 100, 5, Options.MaxRecordsPerPage);
        IEnumerable<CloudflareStoredRecord> records;
        if ((query.GetValueOrDefault("name") ?? query.GetValueOrDefault("name.exact")) is { } name)
        {
            var full = CloudflareRecordRules.ExpandName(name, state.Zone.Name);
            records = state.Sorted.Where(r => r.Name == full);
        }
        else
        {
            records = state.Sorted;
        }

        if (query.TryGetValue("type", out var type))
        {
            var wantedType = type.ToUpperInvariant();
            records = records.Where(r => r.Type == wantedType);
        }

        if (query.TryGetValue("content", out var content))
        {
            records = records.Where(r => string.Equals(r.Content, content, StringComparison.OrdinalIgnoreCase));
        }

        if (query.TryGetValue("proxied", out var proxied))
        {
            records = records.Where(r => r.Proxied == (proxied == "true"));
        }

        var all = records as CloudflareStoredRecord[] ?? records.ToArray();
        var slice = all.Skip((page - 1) * perPage).Take(perPage).Select(r => (JsonNode)CloudflareWire.Record(r, state.Zone.Name)).ToArray();
        return (new JsonArray(slice), CloudflareWire.ResultInfo(page, perPage, slice.Length, all.Length));
    }

    internal JsonNode GetRecord(string zoneId, string recordId, string path)
    {
        var state = ZoneOrThrow(zoneId, path);
        var record = state.Find(recordId) ?? throw CloudflareApiException.RecordNotFound();
        return CloudflareWire.Record(record, state.Zone.Name);
    }

    internal JsonNode CreateRecord(string zoneId, string path, JsonObject body)
    {
        var state = ZoneOrThrow(zoneId, path);
        return CloudflareWire.Record(CreateLocked(state, body), state.Zone.Name);
    }

    internal JsonNode UpdateRecord(string zoneId, string recordId, string path, JsonObject body, bool merge)
    {
        var state = ZoneOrThrow(zoneId, path);
        return CloudflareWire.Record(UpdateLocked(state, recordId, body, merge), state.Zone.Name);
    }

    internal JsonNode DeleteRecord(string zoneId, string recordId, string path)
    {
        var state = ZoneOrThrow(zoneId, path);
        var record = state.Find(recordId) ?? throw CloudflareApiException.RecordNotFound();
        state.Delete(record);
        return new JsonObject { ["id"] = record.Id };
    }

    /// <summary>The batch endpoint: deletes, patches, puts, posts, in that order, in one transaction.</summary>
    internal JsonNode Batch(string zoneId, string path, JsonObject body)
    {
        var state = ZoneOrThrow(zoneId, path);
        var deletes = Array(body, "deletes");
        var patches = Array(body, "patches");
        var puts = Array(body, "puts");
        var posts = Array(body, "posts");
        var total = deletes.Count + patches.Count + puts.Count + posts.Count;
        var limit = state.Zone.Plan == CloudflarePlan.Free ? Options.BatchLimitFree : Options.BatchLimitPaid;
        if (total > limit)
        {
            throw CloudflareApiException.Single(400, 1004, $"Batch contains {total} operations; the limit for this zone's plan is {limit}.");
        }

        var result = new JsonObject();
        state.BeginTransaction();
        try
        {
            var deleted = new JsonArray();
            foreach (var item in deletes)
            {
                var id = item["id"]?.GetValue<string>() ?? throw CloudflareApiException.BadJson("a delete needs an id");
                var record = state.Find(id) ?? throw CloudflareApiException.RecordNotFound();
                state.Delete(record);
                deleted.Add(CloudflareWire.Record(record, state.Zone.Name));
            }

            var patched = new JsonArray();
            foreach (var item in patches)
            {
                var id = item["id"]?.GetValue<string>() ?? throw CloudflareApiException.BadJson("a patch needs an id");
                patched.Add(CloudflareWire.Record(UpdateLocked(state, id, item, merge: true), state.Zone.Name));
            }

            var put = new JsonArray();
            foreach (var item in puts)
            {
                var id = item["id"]?.GetValue<string>() ?? throw CloudflareApiException.BadJson("a put needs an id");
                put.Add(CloudflareWire.Record(UpdateLocked(state, id, item, merge: false), state.Zone.Name));
            }

            var posted = new JsonArray();
            foreach (var item in posts)
            {
                posted.Add(CloudflareWire.Record(CreateLocked(state, item), state.Zone.Name));
            }

            state.Commit();
            result["deletes"] = deleted;
            result["patches"] = patched;
            result["puts"] = put;
            result["posts"] = posted;
            return result;
        }
        catch
        {
            state.Rollback();
            throw;
        }
    }

    internal (JsonNode Result, JsonObject Info) ListCustomHostnames(string zoneId, string path, IReadOnlyDictionary<string, string> query)
    {
        var state = ZoneOrThrow(zoneId, path);
        var (page, perPage) = Paging(query, 20, 5, 50);
        IEnumerable<CloudflareStoredCustomHostname> all = state.CustomHostnames;
        if (query.TryGetValue("hostname", out var hostname))
        {
            var wanted = hostname.ToLowerInvariant();
            all = all.Where(c => c.Hostname == wanted);
        }

        var list = all.ToList();
        var slice = list.Skip((page - 1) * perPage).Take(perPage).Select(c => (JsonNode)CloudflareWire.CustomHostname(c)).ToArray();
        return (new JsonArray(slice), CloudflareWire.ResultInfo(page, perPage, slice.Length, list.Count));
    }

    internal JsonNode GetCustomHostname(string zoneId, string id, string path)
    {
        var state = ZoneOrThrow(zoneId, path);
        var found = state.CustomHostnames.FirstOrDefault(c => c.Id == id) ?? throw CustomHostnameNotFound();
        return CloudflareWire.CustomHostname(found);
    }

    internal JsonNode CreateCustomHostname(string zoneId, string path, JsonObject body) =>
        CloudflareWire.CustomHostname(CreateCustomHostnameLocked(ZoneOrThrow(zoneId, path), body));

    internal JsonNode DeleteCustomHostname(string zoneId, string id, string path)
    {
        var state = ZoneOrThrow(zoneId, path);
        var found = state.CustomHostnames.FirstOrDefault(c => c.Id == id) ?? throw CustomHostnameNotFound();
        state.CustomHostnames.Remove(found);
        return new JsonObject { ["id"] = id };
    }

    internal JsonNode ListRegionalHostnames(string zoneId, string path) =>
        new JsonArray([.. ZoneOrThrow(zoneId, path).RegionalHostnames.Select(r => (JsonNode)CloudflareWire.RegionalHostname(r))]);

    internal JsonNode GetRegionalHostname(string zoneId, string hostname, string path)
    {
        var state = ZoneOrThrow(zoneId, path);
        var wanted = hostname.ToLowerInvariant();
        var found = state.RegionalHostnames.FirstOrDefault(r => r.Hostname == wanted) ?? throw RegionalNotFound(hostname);
        return CloudflareWire.RegionalHostname(found);
    }

    internal JsonNode CreateRegionalHostname(string zoneId, string path, JsonObject body) =>
        CloudflareWire.RegionalHostname(CreateRegionalLocked(ZoneOrThrow(zoneId, path), body));

    internal JsonNode EditRegionalHostname(string zoneId, string hostname, string path, JsonObject body)
    {
        var state = ZoneOrThrow(zoneId, path);
        var wanted = hostname.ToLowerInvariant();
        var index = state.RegionalHostnames.FindIndex(r => r.Hostname == wanted);
        if (index < 0)
        {
            throw RegionalNotFound(hostname);
        }

        var key = body["region_key"]?.GetValue<string>() ?? throw CloudflareApiException.BadJson("region_key is required");
        CheckRegionKey(key);
        var updated = state.RegionalHostnames[index] with { RegionKey = key };
        state.RegionalHostnames[index] = updated;
        return CloudflareWire.RegionalHostname(updated);
    }

    internal JsonNode? DeleteRegionalHostname(string zoneId, string hostname, string path)
    {
        var state = ZoneOrThrow(zoneId, path);
        var wanted = hostname.ToLowerInvariant();
        if (state.RegionalHostnames.RemoveAll(r => r.Hostname == wanted) == 0)
        {
            throw RegionalNotFound(hostname);
        }

        return null;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private CloudflareStoredRecord CreateLocked(CloudflareZoneState state, JsonObject body)
    {
        var record = CloudflareRecordRules.Build(state.Zone, body, null, merge: false, TimeProvider.GetUtcNow()) with { Id = NewId() };
        state.Insert(record);
        return record;
    }

    private CloudflareStoredRecord UpdateLocked(CloudflareZoneState state, string recordId, JsonObject body, bool merge)
    {
        var current = state.Find(recordId) ?? throw CloudflareApiException.RecordNotFound();
        var updated = CloudflareRecordRules.Build(state.Zone, body, current, merge, TimeProvider.GetUtcNow());
        state.Replace(current, updated);
        return updated;
    }

    private CloudflareStoredCustomHostname CreateCustomHostnameLocked(CloudflareZoneState state, JsonObject body)
    {
        var hostname = body["hostname"]?.GetValue<string>()?.Trim().TrimEnd('.').ToLowerInvariant();
        if (string.IsNullOrEmpty(hostname) || hostname.Length > 255 || hostname.Split('.').Length < 2
            || hostname.Split('.').Any(l => l.Length is 0 or > 63 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '*')))
        {
            throw CloudflareApiException.Single(400, 1004, $"Invalid custom hostname '{hostname}'.");
        }

        if (_zones.Any(z => z.CustomHostnames.Any(c => c.Hostname == hostname)))
        {
            throw CloudflareApiException.Single(409, 1406, "Duplicate custom hostname found.");
        }

        var ssl = body["ssl"] as JsonObject;
        var method = ssl?["method"]?.GetValue<string>() ?? "http";
        var type = ssl?["type"]?.GetValue<string>() ?? "dv";
        var ca = ssl?["certificate_authority"]?.GetValue<string>();
        var bundle = ssl?["bundle_method"]?.GetValue<string>();
        var minTls = (ssl?["settings"] as JsonObject)?["min_tls_version"]?.GetValue<string>();
        if (method is not ("http" or "txt" or "email"))
        {
            throw CloudflareApiException.Single(400, 1004, $"Invalid ssl.method '{method}': http, txt or email.");
        }

        if (type != "dv")
        {
            throw CloudflareApiException.Single(400, 1004, $"Invalid ssl.type '{type}': dv.");
        }

        if (ca is not null && ca is not ("google" or "lets_encrypt" or "ssl_com"))
        {
            throw CloudflareApiException.Single(400, 1004, $"Invalid ssl.certificate_authority '{ca}': google, lets_encrypt or ssl_com.");
        }

        if (bundle is not null && bundle is not ("ubiquitous" or "optimal" or "force"))
        {
            throw CloudflareApiException.Single(400, 1004, $"Invalid ssl.bundle_method '{bundle}'.");
        }

        if (minTls is not null && minTls is not ("1.0" or "1.1" or "1.2" or "1.3"))
        {
            throw CloudflareApiException.Single(400, 1004, $"Invalid ssl.settings.min_tls_version '{minTls}'.");
        }

        var created = new CloudflareStoredCustomHostname
        {
            Id = Guid.NewGuid().ToString("D"),
            ZoneId = state.Zone.Id,
            Hostname = hostname,
            CustomOriginServer = body["custom_origin_server"]?.GetValue<string>()?.TrimEnd('.').ToLowerInvariant(),
            CustomOriginSni = body["custom_origin_sni"]?.GetValue<string>(),
            SslMethod = method,
            SslType = type,
            BundleMethod = bundle,
            CertificateAuthority = ca,
            MinTlsVersion = minTls,
            CreatedAt = TimeProvider.GetUtcNow(),
        };
        state.CustomHostnames.Add(created);
        return created;
    }

    private CloudflareStoredRegionalHostname CreateRegionalLocked(CloudflareZoneState state, JsonObject body)
    {
        var hostname = body["hostname"]?.GetValue<string>()?.Trim().TrimEnd('.').ToLowerInvariant() ?? throw CloudflareApiException.BadJson("hostname is required");
        var key = body["region_key"]?.GetValue<string>() ?? throw CloudflareApiException.BadJson("region_key is required");
        var zoneName = state.Zone.Name;
        var inZone = hostname == zoneName || hostname.EndsWith("." + zoneName, StringComparison.Ordinal);
        var wildcardOk = !hostname.Contains('*', StringComparison.Ordinal) || (hostname.StartsWith("*.", StringComparison.Ordinal) && hostname.LastIndexOf('*') == 0);
        if (!inZone || !wildcardOk)
        {
            throw CloudflareApiException.Single(400, 1004, $"Hostname '{hostname}' must be a subdomain of the zone {zoneName} (wildcards for one level).");
        }

        CheckRegionKey(key);
        if (state.RegionalHostnames.Any(r => r.Hostname == hostname))
        {
            throw CloudflareApiException.Single(409, 1004, $"Regional hostname {hostname} exists already.");
        }

        var created = new CloudflareStoredRegionalHostname(state.Zone.Id, hostname, key, body["routing"]?.GetValue<string>() ?? "dns", TimeProvider.GetUtcNow());
        state.RegionalHostnames.Add(created);
        return created;
    }

    private void CheckRegionKey(string key)
    {
        if (!Options.RegionKeys.Contains(key))
        {
            throw CloudflareApiException.Single(400, 1004, $"Unknown region_key '{key}'.");
        }
    }

    private CloudflareZoneState ZoneOrThrow(string zoneId, string path) =>
        _zones.FirstOrDefault(z => z.Zone.Id == zoneId) ?? throw CloudflareApiException.NoRoute(path);

    private static List<JsonObject> Array(JsonObject body, string name)
    {
        var node = body[name];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Any(i => i is not JsonObject))
        {
            throw CloudflareApiException.BadJson($"'{name}' must be an array of objects");
        }

        return [.. array.Cast<JsonObject>()];
    }

    private static (int Page, int PerPage) Paging(IReadOnlyDictionary<string, string> query, int defaultPerPage, int min, int max)
    {
        var page = query.TryGetValue("page", out var p) && int.TryParse(p, out var pv) ? pv : 1;
        var perPage = query.TryGetValue("per_page", out var pp) && int.TryParse(pp, out var ppv) ? ppv : defaultPerPage;
        if (page < 1)
        {
            throw CloudflareApiException.Single(400, 1004, "page must be at least 1");
        }

        return (page, Math.Clamp(perPage, min, max));
    }

    private static CloudflareApiException CustomHostnameNotFound() => CloudflareApiException.Single(404, 1436, "The custom hostname was not found.");

    private static CloudflareApiException RegionalNotFound(string hostname) => CloudflareApiException.Single(404, 1004, $"Regional hostname {hostname} not found.");

    private static string NewId() => Guid.NewGuid().ToString("N");
}
