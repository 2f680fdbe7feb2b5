using System.Globalization;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Cloudflare;

/// <summary>The JSON shapes of the API: the envelope, zones, DNS records, custom hostnames, regional hostnames.</summary>
internal static class CloudflareWire
{
    public static JsonObject Envelope(JsonNode? result, JsonObject? resultInfo = null)
    {
        var envelope = new JsonObject
        {
            ["result"] = result,
            ["success"] = true,
            ["errors"] = new JsonArray(),
            ["messages"] = new JsonArray(),
        };
        if (resultInfo is not null)
        {
            envelope["result_info"] = resultInfo;
        }

        return envelope;
    }

    public static JsonObject ErrorEnvelope(IEnumerable<CloudflareErrorItem> errors) => new()
    {
        ["result"] = null,
        ["success"] = false,
        ["errors"] = new JsonArray([.. errors.Select(Error)]),
        ["messages"] = new JsonArray(),
    };

    public static JsonObject ResultInfo(int page, int perPage, int count, int totalCount) => new()
    {
        ["page"] = page,
        ["per_page"] = perPage,
        ["count"] = count,
        ["total_count"] = totalCount,
        ["total_pages"] = totalCount == 0 ? 1 : (totalCount + perPage - 1) / perPage,
    };

    public static JsonObject Zone(CloudflareStoredZone zone) => new()
    {
        ["id"] = zone.Id,
        ["name"] = zone.Name,
        ["status"] = "active",
        ["paused"] = false,
        ["type"] = "full",
        ["development_mode"] = 0,
        ["name_servers"] = new JsonArray("ada.ns.cloudflare.com", "bob.ns.cloudflare.com"),
        ["original_name_servers"] = null,
        ["account"] = new JsonObject { ["id"] = zone.AccountId, ["name"] = "Emulated account" },
        ["plan"] = Plan(zone.Plan),
        ["created_on"] = "2024-01-01T00:00:00Z",
        ["modified_on"] = "2024-01-01T00:00:00Z",
        ["activated_on"] = "2024-01-01T00:00:00Z",
    };

    public static JsonObject Record(CloudflareStoredRecord r, string zoneName)
    {
        var o = new JsonObject
        {
            ["id"] = r.Id,
            ["zone_id"] = r.ZoneId,
            ["zone_name"] = zoneName,
            ["name"] = r.Name,
            ["type"] = r.Type,
            ["content"] = r.Content,
            ["proxiable"] = r.Proxiable,
            ["proxied"] = r.Proxied,
            ["ttl"] = r.Ttl,
            ["settings"] = new JsonObject(),
            ["meta"] = new JsonObject { ["auto_added"] = false, ["managed_by_apps"] = false, ["managed_by_argo_tunnel"] = false },
            ["comment"] = r.Comment,
            ["tags"] = new JsonArray([.. r.Tags.Select(t => (JsonNode)t)]),
            ["created_on"] = Time(r.CreatedOn),
            ["modified_on"] = Time(r.ModifiedOn),
        };
        if (r.Priority is { } priority)
        {
            o["priority"] = priority;
        }

        if (r.Srv is { } srv)
        {
            o["data"] = new JsonObject { ["priority"] = srv.Priority, ["weight"] = srv.Weight, ["port"] = srv.Port, ["target"] = srv.Target };
        }

        return o;
    }

    public static JsonObject CustomHostname(CloudflareStoredCustomHostname ch)
    {
        var settings = new JsonObject();
        if (ch.MinTlsVersion is not null)
        {
            settings["min_tls_version"] = ch.MinTlsVersion;
        }

        var ssl = new JsonObject
        {
            ["id"] = ch.Id,
            ["type"] = ch.SslType,
            ["method"] = ch.SslMethod,
            ["status"] = "pending_validation",
            ["settings"] = settings,
        };
        if (ch.BundleMethod is not null)
        {
            ssl["bundle_method"] = ch.BundleMethod;
        }

        if (ch.CertificateAuthority is not null)
        {
            ssl["certificate_authority"] = ch.CertificateAuthority;
        }

        if (ch.SslMethod == "http")
        {
            ssl["http_url"] = $"http://{ch.Hostname}/.well-known/pki-validation/{ch.Id}.txt";
            ssl["http_body"] = ch.Id;
        }

        var o = new JsonObject
        {
            ["id"] = ch.Id,
            ["hostname"] = ch.Hostname,
            ["ssl"] = ssl,
            ["status"] = "pending",
            ["ownership_verification"] = new JsonObject { ["type"] = "txt", ["name"] = "_cf-custom-hostname." + ch.Hostname, ["value"] = ch.Id },
            ["ownership_verification_http"] = new JsonObject
            {
                ["http_url"] = $"http://{ch.Hostname}/.well-known/cf-custom-hostname-challenge/{ch.Id}",
                ["http_body"] = ch.Id,
            },
            ["created_at"] = Time(ch.CreatedAt),
        };
        if (ch.CustomOriginServer is not null)
        {
            o["custom_origin_server"] = ch.CustomOriginServer;
        }

        if (ch.CustomOriginSni is not null)
        {
            o["custom_origin_sni"] = ch.CustomOriginSni;
        }

        return o;
    }

    public static JsonObject RegionalHostname(CloudflareStoredRegionalHostname rh) => new()
    {
        ["hostname"] = rh.Hostname,
        ["region_key"] = rh.RegionKey,
        ["routing"] = rh.Routing,
        ["created_on"] = Time(rh.CreatedOn),
    };

    private static JsonObject Plan(CloudflarePlan plan)
    {
        var (id, name, legacy, price) = plan switch
        {
            CloudflarePlan.Free => ("0feeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "Free Website", "free", 0),
            CloudflarePlan.Pro => ("94f3b7b768b0458b56d2cac4fe5ec0f9", "Pro Website", "pro", 20),
            CloudflarePlan.Business => ("6b8d4c1a4cb4a1f9f1ddc3a0b7e9c3a5", "Business Website", "business", 200),
            _ => ("e8b2f1c7a6d54e3b9a0f1c2d3e4f5a6b", "Enterprise Website", "enterprise", 5000),
        };
        return new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["price"] = price,
            ["currency"] = "USD",
            ["frequency"] = plan == CloudflarePlan.Free ? string.Empty : "monthly",
            ["is_subscribed"] = plan != CloudflarePlan.Free,
            ["can_subscribe"] = false,
            ["legacy_id"] = legacy,
            ["legacy_discount"] = false,
            ["externally_managed"] = false,
        };
    }

    private static JsonObject Error(CloudflareErrorItem e)
    {
        var o = new JsonObject { ["code"] = e.Code, ["message"] = e.Message };
        if (e.Chain is { Count: > 0 })
        {
            o["error_chain"] = new JsonArray([.. e.Chain.Select(Error)]);
        }

        return o;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
