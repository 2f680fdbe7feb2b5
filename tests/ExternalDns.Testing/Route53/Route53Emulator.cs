using System.Globalization;
using System.Security.Cryptography;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ExternalDns.Testing.Route53;

/// <summary>
/// An in-process Amazon Route 53 (API 2013-04-01, REST-XML) over plain HTTP on 127.0.0.1 and a random port, written
/// from the public API reference: ListHostedZones, GetHostedZone, ListResourceRecordSets (NextRecordName/Type/
/// Identifier pagination, at most 300 a page), ChangeResourceRecordSets (atomic, InvalidChangeBatch with Route53's
/// messages, the 1000 records / 32000 characters limits with UPSERT counted twice), GetChange (PENDING, then INSYNC)
/// and ListTagsForResources (at most 10 ids). Every request must carry a valid SigV4 signature (service route53,
/// region us-east-1) made with a registered access key. Faults are injected through <see cref="Faults"/>; calls are
/// counted per operation in <see cref="Calls"/>.
/// </summary>
public sealed class Route53Emulator : IAsyncDisposable
{
    public const string ListHostedZones = nameof(ListHostedZones);
    public const string GetHostedZone = nameof(GetHostedZone);
    public const string ListResourceRecordSets = nameof(ListResourceRecordSets);
    public const string ChangeResourceRecordSets = nameof(ChangeResourceRecordSets);
    public const string GetChange = nameof(GetChange);
    public const string ListTagsForResources = nameof(ListTagsForResources);

    /// <summary>Page size limits of the real service.</summary>
    public const int MaxRecordSetsPerPage = 300;
    public const int MaxZonesPerPage = 100;
    public const int MaxTagResourceIds = 10;

    private readonly Lock _lock = new();
    private readonly List<Route53HostedZone> _zones = [];
    private readonly Dictionary<string, (string Secret, string? SessionToken)> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _changes = new(StringComparer.Ordinal);
    private LoopbackHttpServer? _server;
    private int _changeCounter;

    public Route53Emulator(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
    }

    public TimeProvider Time { get; }

    public Route53Faults Faults { get; } = new();

    public Route53CallLog Calls { get; } = new();

    /// <summary>The signing region the service accepts (Route53 is global and signs in us-east-1).</summary>
    public string SigningRegion { get; set; } = "us-east-1";

    /// <summary>How long a change stays PENDING before GetChange reports INSYNC.</summary>
    public TimeSpan ChangeSyncDelay { get; set; }

    /// <summary>http://127.0.0.1:{port}/ once started: the value for AWS_ENDPOINT_URL_ROUTE_53.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public static async Task<Route53Emulator> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        var emulator = new Route53Emulator(time);
        await emulator.StartServerAsync(cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        _server = await LoopbackHttpServer.StartAsync(HandleAsync, cancellationToken: cancellationToken).ConfigureAwait(false);
        BaseAddress = _server.BaseAddress;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }

    // ---- control ------------------------------------------------------------------------------------------------

    /// <summary>Accepts requests signed with this key pair (and session token, when given).</summary>
    public void AddCredentials(string accessKeyId, string secretAccessKey, string? sessionToken = null)
    {
        lock (_lock)
        {
            _credentials[accessKeyId] = (secretAccessKey, sessionToken);
        }
    }

    /// <summary>Creates a hosted zone with its SOA and NS records; private when <paramref name="vpc"/> is given.</summary>
    public Route53HostedZone CreateHostedZone(string name, (string Region, string VpcId)? vpc = null, IReadOnlyDictionary<string, string>? tags = null, string? id = null)
    {
        lock (_lock)
        {
            var zoneId = id ?? NewZoneId();
            var zone = new Route53HostedZone(zoneId, Route53Names.Normalize(name), vpc is not null, vpc is { } v ? [v] : [], Guid.NewGuid().ToString());
            foreach (var (k, value) in tags ?? new Dictionary<string, string>())
            {
                zone.Tags[k] = value;
            }

            Put(zone, new Route53RecordSet
            {
                Name = zone.Name,
                Type = "SOA",
                Ttl = 900,
                Values = ["ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"],
            });
            Put(zone, new Route53RecordSet
            {
                Name = zone.Name,
                Type = "NS",
                Ttl = 172800,
                Values = ["ns-1.awsdns-01.org.", "ns-2.awsdns-02.co.uk.", "ns-3.awsdns-03.com.", "ns-4.awsdns-04.net."],
            });
            _zones.Add(zone);
            return zone;
        }
    }

    /// <summary>Puts a record set into a zone directly (no validation): for seeding foreign records.</summary>
    public void Seed(string zoneId, Route53RecordSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        lock (_lock)
        {
            Put(Zone(zoneId) ?? throw new ArgumentException($"no zone {zoneId}", nameof(zoneId)), set);
        }
    }

    public IReadOnlyList<Route53HostedZone> Zones
    {
        get
        {
            lock (_lock)
            {
                return [.. _zones];
            }
        }
    }

    /// <summary>The zone's record sets in ListResourceRecordSets order.</summary>
    public IReadOnlyList<Route53RecordSet> RecordSets(string zoneId)
    {
        lock (_lock)
        {
            return [.. (Zone(zoneId) ?? throw new ArgumentException($"no zone {zoneId}", nameof(zoneId))).Records.Values];
        }
    }

    public Route53RecordSet? Find(string zoneId, string name, string type, string? setIdentifier = null)
    {
        lock (_lock)
        {
            var zone = Zone(zoneId) ?? throw new ArgumentException($"no zone {zoneId}", nameof(zoneId));
            return zone.Records.GetValueOrDefault(Route53Names.SortKey(Route53Names.Normalize(name), type, setIdentifier));
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        var (operation, resource) = Route(request.Method, request.Path.Value ?? string.Empty);
        if (operation is null)
        {
            await RespondAsync(context, 404, Route53EmulatorXml.Error("UnknownOperationException", "Unknown operation " + request.Method + " " + request.Path, requestId)).ConfigureAwait(false);
            return;
        }

        Calls.Add(operation);
        if (Faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(Faults.Delay, context.RequestAborted).ConfigureAwait(false);
        }

        Func<string, (string Secret, string? SessionToken)?> lookup = key =>
        {
            lock (_lock)
            {
                return _credentials.TryGetValue(key, out var c) ? c : null;
            }
        };
        var failure = Route53SigV4Verifier.Verify(request, rawTarget, body, lookup, SigningRegion, Time.GetUtcNow(), out _);
        if (failure is not null)
        {
            await RespondAsync(context, 403, Route53EmulatorXml.Error(failure.Code, failure.Message, requestId)).ConfigureAwait(false);
            return;
        }

        if (Faults.Take(operation) is { } fault)
        {
            var (status, code, message, type) = fault switch
            {
                Route53FaultKind.Throttling => (400, "Throttling", "Rate exceeded", "Sender"),
                Route53FaultKind.PriorRequestNotComplete => (400, "PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request.", "Sender"),
                Route53FaultKind.InternalError => (500, "InternalFailure", "An internal error occurred.", "Receiver"),
                _ => (503, "ServiceUnavailable", "Service is unavailable.", "Receiver"),
            };
            await RespondAsync(context, status, Route53EmulatorXml.Error(code, message, requestId, type)).ConfigureAwait(false);
            return;
        }

        var (code2, payload) = operation switch
        {
            ListHostedZones => HandleListHostedZones(request.Query, requestId),
            GetHostedZone => HandleGetHostedZone(resource!, requestId),
            ListResourceRecordSets => HandleListRecordSets(resource!, request.Query, requestId),
            ChangeResourceRecordSets => HandleChange(resource!, body, requestId),
            GetChange => HandleGetChange(resource!, requestId),
            _ => HandleListTags(body, requestId),
        };
        await RespondAsync(context, code2, payload).ConfigureAwait(false);
    }

    private static (string? Operation, string? Resource) Route(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        if (parts.Length < 2 || parts[0] != "2013-04-01")
        {
            return (null, null);
        }

        return (method, parts[1], parts.Length) switch
        {
            ("GET", "hostedzone", 2) => (ListHostedZones, null),
            ("GET", "hostedzone", 3) => (GetHostedZone, parts[2]),
            ("GET", "hostedzone", 4) when parts[3] == "rrset" => (ListResourceRecordSets, parts[2]),
            ("POST", "hostedzone", 4) when parts[3] == "rrset" => (ChangeResourceRecordSets, parts[2]),
            ("GET", "change", 3) => (GetChange, parts[2]),
            ("POST", "tags", 3) when parts[2] == "hostedzone" => (ListTagsForResources, null),
            _ => (null, null),
        };
    }

    private (int, byte[]) HandleListHostedZones(IQueryCollection query, string requestId)
    {
        if (!TryMaxItems(query, MaxZonesPerPage, out var maxItems, out var requested))
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must be a number", requestId));
        }

        var marker = query["marker"].ToString();
        List<(Route53HostedZone Zone, int Count)> page;
        string? nextMarker = null;
        lock (_lock)
        {
            var start = 0;
            if (marker.Length > 0)
            {
                start = _zones.FindIndex(z => z.Id == marker);
                if (start < 0)
                {
                    return (400, Route53EmulatorXml.Error("InvalidInput", "Invalid marker: " + marker, requestId));
                }
            }

            page = [.. _zones.Skip(start).Take(maxItems).Select(z => (z, z.Records.Count))];
            if (start + maxItems < _zones.Count)
            {
                nextMarker = _zones[start + maxItems].Id;
            }
        }

        return (200, Route53EmulatorXml.Write(w =>
        {
            w.WriteStartElement("ListHostedZonesResponse", Route53EmulatorXml.Namespace);
            w.WriteStartElement("HostedZones");
            foreach (var (zone, count) in page)
            {
                Route53EmulatorXml.WriteHostedZone(w, zone, count);
            }

            w.WriteEndElement();
            if (marker.Length > 0)
            {
                w.WriteElementString("Marker", marker);
            }

            w.WriteElementString("IsTruncated", nextMarker is null ? "false" : "true");
            if (nextMarker is not null)
            {
                w.WriteElementString("NextMarker", nextMarker);
            }

            w.WriteElementString("MaxItems", requested);
            w.WriteEndElement();
        }));
    }

    private (int, byte[]) HandleGetHostedZone(string id, string requestId)
    {
        Route53HostedZone? zone;
        int count;
        lock (_lock)
        {
            zone = Zone(id);
            count = zone?.Records.Count ?? 0;
        }

        if (zone is null)
        {
            return (404, Route53EmulatorXml.Error("NoSuchHostedZone", "No hosted zone found with ID: " + id, requestId));
        }

        return (200, Route53EmulatorXml.Write(w =>
        {
            w.WriteStartElement("GetHostedZoneResponse", Route53EmulatorXml.Namespace);
            Route53EmulatorXml.WriteHostedZone(w, zone, count);
            if (zone.IsPrivate)
            {
                w.WriteStartElement("VPCs");
                foreach (var (region, vpcId) in zone.Vpcs)
                {
                    w.WriteStartElement("VPC");
                    w.WriteElementString("VPCRegion", region);
                    w.WriteElementString("VPCId", vpcId);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }
            else
            {
                w.WriteStartElement("DelegationSet");
                w.WriteStartElement("NameServers");
                foreach (var ns in new[] { "ns-1.awsdns-01.org", "ns-2.awsdns-02.co.uk", "ns-3.awsdns-03.com", "ns-4.awsdns-04.net" })
                {
                    w.WriteElementString("NameServer", ns);
                }

                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }));
    }

    private (int, byte[]) HandleListRecordSets(string id, IQueryCollection query, string requestId)
    {
        if (!TryMaxItems(query, MaxRecordSetsPerPage, out var maxItems, out var requested))
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: Member must be a number", requestId));
        }

        var name = query["name"].ToString();
        var type = query["type"].ToString();
        var identifier = query["identifier"].ToString();
        if (type.Length > 0 && name.Length == 0)
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", "The input is not valid: type requires name", requestId));
        }

        if (identifier.Length > 0 && type.Length == 0)
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", "The input is not valid: identifier requires name and type", requestId));
        }

        List<Route53RecordSet> page;
        Route53RecordSet? next;
        lock (_lock)
        {
            var zone = Zone(id);
            if (zone is null)
            {
                return (404, Route53EmulatorXml.Error("NoSuchHostedZone", "No hosted zone found with ID: " + id, requestId));
            }

            var start = name.Length == 0 ? null : Route53Names.SortKey(Route53Names.Normalize(name), type, identifier.Length == 0 ? null : identifier);
            var rest = zone.Records.Where(kv => start is null || string.CompareOrdinal(kv.Key, start) >= 0).Select(kv => kv.Value).Take(maxItems + 1).ToList();
            page = [.. rest.Take(maxItems)];
            next = rest.Count > maxItems ? rest[maxItems] : null;
        }

        return (200, Route53EmulatorXml.Write(w =>
        {
            w.WriteStartElement("ListResourceRecordSetsResponse", Route53EmulatorXml.Namespace);
            w.WriteStartElement("ResourceRecordSets");
            foreach (var r in page)
            {
                Route53EmulatorXml.WriteRecordSet(w, r);
            }

            w.WriteEndElement();
            w.WriteElementString("IsTruncated", next is null ? "false" : "true");
            if (next is not null)
            {
                w.WriteElementString("NextRecordName", next.Name);
                w.WriteElementString("NextRecordType", next.Type);
                if (next.SetIdentifier is not null)
                {
                    w.WriteElementString("NextRecordIdentifier", next.SetIdentifier);
                }
            }

            w.WriteElementString("MaxItems", requested);
            w.WriteEndElement();
        }));
    }

    private (int, byte[]) HandleChange(string id, byte[] body, string requestId)
    {
        IReadOnlyList<(string Action, Route53RecordSet Set)> changes;
        string? comment;
        try
        {
            (changes, comment) = Route53EmulatorXml.ParseChangeBatch(body);
        }
        catch (FormatException e)
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", e.Message, requestId));
        }

        if (changes.Count == 0)
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", "1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1", requestId));
        }

        if (Route53ChangeApplier.CheckLimits(changes) is { } limit)
        {
            return (400, Route53EmulatorXml.Error("InvalidChangeBatch", limit, requestId));
        }

        string changeId;
        DateTimeOffset now;
        lock (_lock)
        {
            var zone = Zone(id);
            if (zone is null)
            {
                return (404, Route53EmulatorXml.Error("NoSuchHostedZone", "No hosted zone found with ID: " + id, requestId));
            }

            var copy = new SortedDictionary<string, Route53RecordSet>(zone.Records, Route53Names.RecordOrder);
            var problems = Route53ChangeApplier.Apply(zone, copy, changes, Zone, z => z.Records.Values);
            if (problems.Count > 0)
            {
                return (400, Route53EmulatorXml.InvalidChangeBatch(problems, requestId));
            }

            zone.Records = copy;
            changeId = "C" + (++_changeCounter).ToString("D12", CultureInfo.InvariantCulture);
            now = Time.GetUtcNow();
            _changes[changeId] = now;
            Calls.AddBatch(new Route53ChangeBatchRecord(zone.Id, [.. changes.Select(c => (c.Action, c.Set with { Name = Route53Names.Normalize(c.Set.Name) }))]));
        }

        return (200, Route53EmulatorXml.Write(w =>
        {
            w.WriteStartElement("ChangeResourceRecordSetsResponse", Route53EmulatorXml.Namespace);
            Route53EmulatorXml.WriteChangeInfo(w, changeId, "PENDING", now, comment);
            w.WriteEndElement();
        }));
    }

    private (int, byte[]) HandleGetChange(string id, string requestId)
    {
        DateTimeOffset submitted;
        lock (_lock)
        {
            if (!_changes.TryGetValue(id, out submitted))
            {
                return (404, Route53EmulatorXml.Error("NoSuchChange", "Could not find resource with ID: " + id, requestId));
            }
        }

        var status = Time.GetUtcNow() - submitted >= ChangeSyncDelay ? "INSYNC" : "PENDING";
        return (200, Route53EmulatorXml.Write(w =>
        {
            w.WriteStartElement("GetChangeResponse", Route53EmulatorXml.Namespace);
            Route53EmulatorXml.WriteChangeInfo(w, id, status, submitted, null);
            w.WriteEndElement();
        }));
    }

    private (int, byte[]) HandleListTags(byte[] body, string requestId)
    {
        IReadOnlyList<string> ids;
        try
        {
            ids = Route53EmulatorXml.ParseResourceIds(body);
        }
        catch (FormatException e)
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", e.Message, requestId));
        }

        if (ids.Count is 0 or > MaxTagResourceIds)
        {
            return (400, Route53EmulatorXml.Error("InvalidInput", $"1 validation error detected: Value '[{string.Join(", ", ids)}]' at 'resourceIds' failed to satisfy constraint: Member must have length less than or equal to {MaxTagResourceIds}", requestId));
        }

        var sets = new List<(string Id, List<KeyValuePair<string, string>> Tags)>();
        lock (_lock)
        {
            foreach (var id in ids)
            {
                var zone = Zone(id);
                if (zone is null)
                {
                    return (404, Route53EmulatorXml.Error("NoSuchHostedZone", "No hosted zone found with ID: " + id, requestId));
                }

                sets.Add((zone.Id, [.. zone.Tags]));
            }
        }

        return (200, Route53EmulatorXml.Write(w =>
        {
            w.WriteStartElement("ListTagsForResourcesResponse", Route53EmulatorXml.Namespace);
            w.WriteStartElement("ResourceTagSets");
            foreach (var (id, tags) in sets)
            {
                w.WriteStartElement("ResourceTagSet");
                w.WriteElementString("ResourceType", "hostedzone");
                w.WriteElementString("ResourceId", id);
                w.WriteStartElement("Tags");
                foreach (var (k, v) in tags)
                {
                    w.WriteStartElement("Tag");
                    w.WriteElementString("Key", k);
                    w.WriteElementString("Value", v);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }));
    }

    private static bool TryMaxItems(IQueryCollection query, int limit, out int maxItems, out string requested)
    {
        requested = query["maxitems"].ToString();
        if (requested.Length == 0)
        {
            maxItems = Math.Min(100, limit);
            requested = maxItems.ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (!int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out maxItems) || maxItems < 1)
        {
            return false;
        }

        maxItems = Math.Min(maxItems, limit);
        return true;
    }

    private static async Task RespondAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private Route53HostedZone? Zone(string id)
    {
        var bare = id.StartsWith("/hostedzone/", StringComparison.Ordinal) ? id["/hostedzone/".Length..] : id;
        return _zones.Find(z => z.Id == bare);
    }

    private static void Put(Route53HostedZone zone, Route53RecordSet set)
    {
        var normalized = set with { Name = Route53Names.Normalize(set.Name) };
        zone.Records[Route53Names.SortKey(normalized.Name, normalized.Type, normalized.SetIdentifier)] = normalized;
    }

    private static string NewZoneId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Span<char> chars = stackalloc char[13];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "Z" + new string(chars);
    }
}
