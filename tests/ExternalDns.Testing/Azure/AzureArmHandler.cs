using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace ExternalDns.Testing.Azure;

/// <summary>
/// The ARM part of the emulator: <c>Microsoft.Network/dnszones</c> (2018-05-01) and
/// <c>Microsoft.Network/privateDnsZones</c> (2024-06-01) zones and record sets, with ARM's path case-insensitivity,
/// api-version checks, <c>$top</c>/<c>nextLink</c> paging, etags and error bodies <c>{"error":{"code","message"}}</c>.
/// Authentication and faults are checked by <see cref="AzureDnsEmulator"/> before a request gets here.
/// </summary>
internal sealed partial class AzureArmHandler
{
    public const string PublicApiVersion = "2018-05-01";
    public const string PrivateApiVersion = "2024-06-01";

    private readonly AzureDnsEmulator _emulator;

    public AzureArmHandler(AzureDnsEmulator emulator)
    {
        _emulator = emulator;
    }

    private AzureDnsEmulatorOptions Options => _emulator.Options;

    /// <summary>The ARM operation id of a request, or null when the path is not an ARM DNS path.</summary>
    public static (string Operation, AzureZoneKind Kind)? Operation(string method, string[] s)
    {
        if (s.Length < 5 || !Is(s[0], "subscriptions"))
        {
            return null;
        }

        int providerIndex;
        bool inGroup;
        if (Is(s[2], "providers"))
        {
            providerIndex = 2;
            inGroup = false;
        }
        else if (s.Length >= 7 && Is(s[2], "resourceGroups") && Is(s[4], "providers"))
        {
            providerIndex = 4;
            inGroup = true;
        }
        else
        {
            return null;
        }

        if (s.Length < providerIndex + 3 || !Is(s[providerIndex + 1], "Microsoft.Network"))
        {
            return null;
        }

        var typeName = s[providerIndex + 2];
        AzureZoneKind kind;
        if (Is(typeName, "dnszones"))
        {
            kind = AzureZoneKind.Public;
        }
        else if (Is(typeName, "privateDnsZones"))
        {
            kind = AzureZoneKind.Private;
        }
        else
        {
            return null;
        }

        var zones = kind == AzureZoneKind.Public ? "Zones" : "PrivateZones";
        var rest = s.Length - (providerIndex + 3);
        if (!inGroup)
        {
            return rest == 0 && method == "GET" ? ($"{zones}_List", kind) : null;
        }

        switch (rest)
        {
            case 0:
                return method == "GET" ? ($"{zones}_ListByResourceGroup", kind) : null;
            case 1:
                return method switch
                {
                    "GET" => ($"{zones}_Get", kind),
                    "PUT" => ($"{zones}_CreateOrUpdate", kind),
                    _ => null,
                };
            case 2:
                if (method != "GET")
                {
                    return null;
                }

                var last = s[^1];
                if (kind == AzureZoneKind.Public && Is(last, "recordsets"))
                {
                    return ("RecordSets_ListByDnsZone", kind);
                }

                if (Is(last, "all"))
                {
                    return (kind == AzureZoneKind.Public ? "RecordSets_ListAllByDnsZone" : "RecordSets_List", kind);
                }

                return ("RecordSets_ListByType", kind);
            case 3:
                return method switch
                {
                    "GET" => ("RecordSets_Get", kind),
                    "PUT" => ("RecordSets_CreateOrUpdate", kind),
                    "DELETE" => ("RecordSets_Delete", kind),
                    "PATCH" => ("RecordSets_Update", kind),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>Checks <c>api-version</c> as ARM does; returns the error to send, or null.</summary>
    public static (string Code, string Message)? CheckApiVersion(AzureZoneKind kind, string? apiVersion)
    {
        var supported = kind == AzureZoneKind.Public ? PublicApiVersion : PrivateApiVersion;
        var typeName = kind == AzureZoneKind.Public ? "dnszones" : "privateDnsZones";
        if (string.IsNullOrEmpty(apiVersion))
        {
            return ("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
        }

        if (!ApiVersionFormat().IsMatch(apiVersion))
        {
            return ("InvalidApiVersionParameter", $"The api-version '{apiVersion}' is invalid. The supported versions are '{supported}'.");
        }

        return apiVersion == supported
            ? null
            : ("NoRegisteredProviderFound", $"No registered resource provider found for location 'global' and API version '{apiVersion}' for type '{typeName}'. The supported api-versions are '{supported}'. The supported locations are 'global'.");
    }

    public async Task<int> HandleAsync(HttpContext context, string operation, AzureZoneKind kind, string[] s)
    {
        var subscription = s[1];
        if (!string.Equals(subscription, Options.SubscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 404, "SubscriptionNotFound", $"The subscription '{subscription}' could not be found.").ConfigureAwait(false);
        }

        if (operation.EndsWith("Zones_List", StringComparison.Ordinal))
        {
            return await ListZonesAsync(context, kind, null).ConfigureAwait(false);
        }

        var resourceGroup = s[3];
        if (!_emulator.Store.HasResourceGroup(resourceGroup))
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 404, "ResourceGroupNotFound", $"Resource group '{resourceGroup}' could not be found.").ConfigureAwait(false);
        }

        if (operation.EndsWith("Zones_ListByResourceGroup", StringComparison.Ordinal))
        {
            return await ListZonesAsync(context, kind, resourceGroup).ConfigureAwait(false);
        }

        var zoneName = s[7];
        if (operation.EndsWith("Zones_CreateOrUpdate", StringComparison.Ordinal))
        {
            var created = _emulator.Store.AddZone(kind, resourceGroup, zoneName, _emulator.Options, out var newZone);
            await AzureDnsEmulator.WriteJsonAsync(context, created ? 201 : 200, ZoneJson(newZone)).ConfigureAwait(false);
            return created ? 201 : 200;
        }

        var zone = _emulator.Store.FindZone(kind, resourceGroup, zoneName);
        if (operation.EndsWith("Zones_Get", StringComparison.Ordinal))
        {
            if (zone is null)
            {
                return await AzureDnsEmulator.WriteErrorAsync(context, 404, "ResourceNotFound", $"The Resource '{TypeName(kind)}/{zoneName}' under resource group '{resourceGroup}' was not found.").ConfigureAwait(false);
            }

            await AzureDnsEmulator.WriteJsonAsync(context, 200, ZoneJson(zone)).ConfigureAwait(false);
            return 200;
        }

        if (zone is null)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 404, "ParentResourceNotFound", $"Can not perform requested operation on nested resource. Parent resource '{zoneName}' not found.").ConfigureAwait(false);
        }

        switch (operation)
        {
            case "RecordSets_ListByDnsZone" or "RecordSets_ListAllByDnsZone" or "RecordSets_List":
                return await ListRecordSetsAsync(context, zone, null).ConfigureAwait(false);
            case "RecordSets_ListByType":
                var listType = AzureRecordTypes.Canonical(kind, s[8]);
                if (listType is null)
                {
                    return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The record type '{s[8]}' is not valid.").ConfigureAwait(false);
                }

                return await ListRecordSetsAsync(context, zone, listType).ConfigureAwait(false);
        }

        var type = AzureRecordTypes.Canonical(kind, s[8]);
        if (type is null)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The record type '{s[8]}' is not valid.").ConfigureAwait(false);
        }

        var name = s[9];
        return operation switch
        {
            "RecordSets_Get" => await GetRecordSetAsync(context, zone, name, type).ConfigureAwait(false),
            "RecordSets_CreateOrUpdate" => await PutRecordSetAsync(context, zone, name, type).ConfigureAwait(false),
            "RecordSets_Delete" => await DeleteRecordSetAsync(context, zone, name, type).ConfigureAwait(false),
            _ => await AzureDnsEmulator.WriteErrorAsync(context, 405, "MethodNotAllowed", "The emulator does not implement PATCH of record sets.").ConfigureAwait(false),
        };
    }

    public JsonObject ZoneJson(AzureZoneState zone)
    {
        var count = zone.RecordSets.Count;
        var properties = zone.Kind == AzureZoneKind.Public
            ? new JsonObject
            {
                ["maxNumberOfRecordSets"] = Options.MaxRecordSetsPublic,
                ["maxNumberOfRecordsPerRecordSet"] = Options.MaxRecordsPerRecordSet,
                ["numberOfRecordSets"] = count,
                ["nameServers"] = new JsonArray("ns1-01.azure-dns.com.", "ns2-01.azure-dns.net.", "ns3-01.azure-dns.org.", "ns4-01.azure-dns.info."),
                ["zoneType"] = "Public",
            }
            : new JsonObject
            {
                ["maxNumberOfRecordSets"] = Options.MaxRecordSetsPrivate,
                ["maxNumberOfVirtualNetworkLinks"] = 1000,
                ["maxNumberOfVirtualNetworkLinksWithRegistration"] = 100,
                ["numberOfRecordSets"] = count,
                ["numberOfVirtualNetworkLinks"] = 0,
                ["numberOfVirtualNetworkLinksWithRegistration"] = 0,
                ["provisioningState"] = "Succeeded",
                ["internalId"] = "ZW11bGF0b3I=",
            };
        return new JsonObject
        {
            ["id"] = ZoneId(zone),
            ["name"] = zone.Name,
            ["type"] = TypeName(zone.Kind),
            ["etag"] = zone.Etag,
            ["location"] = "global",
            ["tags"] = new JsonObject(),
            ["properties"] = properties,
        };
    }

    public JsonObject RecordSetJson(AzureZoneState zone, AzureRecordSetState set)
    {
        var properties = new JsonObject();
        if (set.Metadata.Count > 0)
        {
            var metadata = new JsonObject();
            foreach (var (k, v) in set.Metadata)
            {
                metadata[k] = v;
            }

            properties["metadata"] = metadata;
        }

        properties[AzureRecordTypes.TtlProperty(zone.Kind)] = set.Ttl;
        properties["fqdn"] = (set.Name == "@" ? zone.Name : set.Name + "." + zone.Name) + ".";
        if (zone.Kind == AzureZoneKind.Public)
        {
            properties["provisioningState"] = "Succeeded";
            properties["targetResource"] = new JsonObject();
        }
        else
        {
            properties["isAutoRegistered"] = false;
        }

        var property = AzureRecordTypes.Properties(zone.Kind)[set.Type];
        if (AzureRecordTypes.IsSingle(set.Type))
        {
            properties[property] = set.Items.Count > 0 ? set.Items[0].DeepClone() : null;
        }
        else
        {
            properties[property] = new JsonArray([.. set.Items.Select(i => i.DeepClone())]);
        }

        return new JsonObject
        {
            ["id"] = $"{ZoneId(zone)}/{set.Type}/{set.Name}",
            ["name"] = set.Name,
            ["type"] = $"{TypeName(zone.Kind)}/{set.Type}",
            ["etag"] = set.Etag,
            ["properties"] = properties,
        };
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string TypeName(AzureZoneKind kind) => kind == AzureZoneKind.Public ? "Microsoft.Network/dnszones" : "Microsoft.Network/privateDnsZones";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(-preview)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionFormat();

    private static string Encode(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string token)
    {
        try
        {
            var s = token.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private string ZoneId(AzureZoneState zone) =>
        $"/subscriptions/{Options.SubscriptionId}/resourceGroups/{zone.ResourceGroup}/providers/{TypeName(zone.Kind)}/{zone.Name}";

    private async Task<int?> ReadTopAsync(HttpContext context, Action<int> set)
    {
        var raw = context.Request.Query["$top"].ToString();
        if (raw.Length == 0)
        {
            set(Options.DefaultPageSize);
            return null;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var top) || top < 1 || top > 1000)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"Invalid $top value: '{raw}'. It must be a number between '1' and '1000'.").ConfigureAwait(false);
        }

        set(top);
        return null;
    }

    private string NextLink(HttpContext context, int top, string lastKey)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var apiVersion = context.Request.Query["api-version"].ToString();
        return new Uri(_emulator.BaseAddress, path.TrimStart('/')) + $"?api-version={Uri.EscapeDataString(apiVersion)}&$top={top}&$skipToken={Encode(lastKey)}";
    }

    private async Task<int> ListZonesAsync(HttpContext context, AzureZoneKind kind, string? resourceGroup)
    {
        var top = 0;
        if (await ReadTopAsync(context, t => top = t).ConfigureAwait(false) is { } error)
        {
            return error;
        }

        var after = context.Request.Query["$skipToken"].ToString() is { Length: > 0 } token ? Decode(token) : null;
        var (page, more) = _emulator.Store.ZonePage(kind, resourceGroup, after, top);
        var body = new JsonObject { ["value"] = new JsonArray([.. page.Select(z => (JsonNode)ZoneJson(z))]) };
        if (more)
        {
            body["nextLink"] = NextLink(context, top, AzureZoneState.Key(page[^1].Kind, page[^1].ResourceGroup, page[^1].Name));
        }

        await AzureDnsEmulator.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return 200;
    }

    private async Task<int> ListRecordSetsAsync(HttpContext context, AzureZoneState zone, string? type)
    {
        var top = 0;
        if (await ReadTopAsync(context, t => top = t).ConfigureAwait(false) is { } error)
        {
            return error;
        }

        var after = context.Request.Query["$skipToken"].ToString() is { Length: > 0 } token ? Decode(token) : null;
        var suffix = context.Request.Query["$recordsetnamesuffix"].ToString();
        var (page, more) = _emulator.Store.RecordSetPage(zone, type, suffix, after, top);
        var body = new JsonObject { ["value"] = new JsonArray([.. page.Select(r => (JsonNode)RecordSetJson(zone, r))]) };
        if (more)
        {
            body["nextLink"] = NextLink(context, top, AzureRecordSetState.Key(page[^1].Name, page[^1].Type));
        }

        await AzureDnsEmulator.WriteJsonAsync(context, 200, body).ConfigureAwait(false);
        return 200;
    }

    private async Task<int> GetRecordSetAsync(HttpContext context, AzureZoneState zone, string name, string type)
    {
        var json = _emulator.Store.Read(() => zone.RecordSets.TryGetValue(AzureRecordSetState.Key(name, type), out var set) ? RecordSetJson(zone, set) : null);
        if (json is null)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 404, "NotFound", $"The resource record '{name}' does not exist in resource group '{zone.ResourceGroup}' of subscription '{Options.SubscriptionId}'.").ConfigureAwait(false);
        }

        await AzureDnsEmulator.WriteJsonAsync(context, 200, json).ConfigureAwait(false);
        return 200;
    }

    private async Task<int> PutRecordSetAsync(HttpContext context, AzureZoneState zone, string name, string type)
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: '{e.Message}'.").ConfigureAwait(false);
        }

        if (AzureRecordTypes.Get(body, "properties") is not JsonObject properties)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", "The request body must contain 'properties'.").ConfigureAwait(false);
        }

        long ttl = 3600;
        if (AzureRecordTypes.Get(properties, "TTL") is JsonValue ttlValue)
        {
            if (!ttlValue.TryGetValue<long>(out ttl) || ttl < 0 || ttl > int.MaxValue)
            {
                return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The TTL value '{ttlValue.ToJsonString()}' is invalid. It must be between 0 and 2147483647.").ConfigureAwait(false);
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AzureRecordTypes.Get(properties, "metadata") is JsonObject meta)
        {
            foreach (var (k, v) in meta)
            {
                if (v is JsonValue mv && mv.TryGetValue<string>(out var text))
                {
                    metadata[k] = text;
                }
            }
        }

        var items = new List<JsonObject>();
        foreach (var (otherType, property) in AzureRecordTypes.Properties(zone.Kind))
        {
            var data = AzureRecordTypes.Get(properties, property);
            if (data is null)
            {
                continue;
            }

            if (otherType != type)
            {
                return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The record set of type '{type}' cannot contain records of type '{otherType}'.").ConfigureAwait(false);
            }

            var raw = data switch
            {
                JsonArray array => array.ToList(),
                JsonObject single when AzureRecordTypes.IsSingle(type) => [single],
                _ => null,
            };
            if (raw is null)
            {
                return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The property '{property}' has the wrong shape.").ConfigureAwait(false);
            }

            foreach (var item in raw)
            {
                if (item is not JsonObject itemObject)
                {
                    return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The property '{property}' must contain objects.").ConfigureAwait(false);
                }

                var problem = AzureRecordTypes.Validate(type, itemObject, out var canonical);
                if (problem is not null)
                {
                    return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", problem).ConfigureAwait(false);
                }

                items.Add(canonical);
            }
        }

        if (zone.Kind == AzureZoneKind.Public && items.Count > Options.MaxRecordsPerRecordSet)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The record set has {items.Count} records; the maximum is {Options.MaxRecordsPerRecordSet}.").ConfigureAwait(false);
        }

        var rejection = _emulator.Faults.Rejection(new AzureWriteRequest(zone.Kind, zone.Name, name, type, "PUT"));
        if (rejection is not null)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", rejection).ConfigureAwait(false);
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        var outcome = _emulator.Store.Put(zone, name, type, ttl, metadata, items, ifMatch, ifNoneMatch, Options);
        if (outcome.Error is { } err)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, err.Status, err.Code, err.Message).ConfigureAwait(false);
        }

        var status = outcome.Created ? 201 : 200;
        await AzureDnsEmulator.WriteJsonAsync(context, status, _emulator.Store.Read(() => RecordSetJson(zone, outcome.Set!))).ConfigureAwait(false);
        return status;
    }

    private async Task<int> DeleteRecordSetAsync(HttpContext context, AzureZoneState zone, string name, string type)
    {
        if (type == "SOA" || (type == "NS" && name == "@"))
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", $"The {type} record set at the zone apex cannot be deleted.").ConfigureAwait(false);
        }

        var rejection = _emulator.Faults.Rejection(new AzureWriteRequest(zone.Kind, zone.Name, name, type, "DELETE"));
        if (rejection is not null)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, 400, "BadRequest", rejection).ConfigureAwait(false);
        }

        var outcome = _emulator.Store.Delete(zone, name, type, context.Request.Headers.IfMatch.ToString());
        if (outcome.Error is { } err)
        {
            return await AzureDnsEmulator.WriteErrorAsync(context, err.Status, err.Code, err.Message).ConfigureAwait(false);
        }

        var status = outcome.Created ? 200 : 204;
        context.Response.StatusCode = status;
        return status;
    }
}
