using System.Globalization;
using System.Text.Json.Nodes;

namespace ExternalDns.Testing.Google;

/// <summary>Cloud DNS v1 resources as JSON, as the REST reference shows them.</summary>
internal static class CloudDnsJson
{
    public static JsonObject Zone(CloudDnsZone zone)
    {
        var json = new JsonObject
        {
            ["kind"] = "dns#managedZone",
            ["name"] = zone.Name,
            ["dnsName"] = zone.DnsName,
            ["description"] = string.Empty,
            ["id"] = zone.Id.ToString(CultureInfo.InvariantCulture),
            ["nameServers"] = new JsonArray("ns-cloud-a1.googledomains.com.", "ns-cloud-a2.googledomains.com."),
            ["creationTime"] = Timestamp(zone.Created),
            ["visibility"] = zone.Visibility,
        };
        if (zone.Visibility == "private")
        {
            json["privateVisibilityConfig"] = new JsonObject
            {
                ["kind"] = "dns#managedZonePrivateVisibilityConfig",
                ["networks"] = new JsonArray(new JsonObject
                {
                    ["kind"] = "dns#managedZonePrivateVisibilityConfigNetwork",
                    ["networkUrl"] = $"https://www.googleapis.com/compute/v1/projects/{zone.Project}/global/networks/default",
                }),
            };
        }

        switch (zone.Kind)
        {
            case CloudDnsZoneKind.Peering:
                json["peeringConfig"] = new JsonObject
                {
                    ["kind"] = "dns#managedZonePeeringConfig",
                    ["targetNetwork"] = new JsonObject
                    {
                        ["kind"] = "dns#managedZonePeeringConfigTargetNetwork",
                        ["networkUrl"] = $"https://www.googleapis.com/compute/v1/projects/{zone.Project}/global/networks/peer",
                    },
                };
                break;
            case CloudDnsZoneKind.Forwarding:
                json["forwardingConfig"] = new JsonObject
                {
                    ["kind"] = "dns#managedZoneForwardingConfig",
                    ["targetNameServers"] = new JsonArray(new JsonObject
                    {
                        ["kind"] = "dns#managedZoneForwardingConfigNameServerTarget",
                        ["ipv4Address"] = "10.0.0.53",
                    }),
                };
                break;
        }

        return json;
    }

    public static JsonObject RecordSet(CloudDnsRecordSet rrset)
    {
        var rrdatas = new JsonArray();
        foreach (var data in rrset.Rrdatas)
        {
            rrdatas.Add(data);
        }

        return new JsonObject
        {
            ["kind"] = "dns#resourceRecordSet",
            ["name"] = rrset.Name,
            ["type"] = rrset.Type,
            ["ttl"] = rrset.Ttl,
            ["rrdatas"] = rrdatas,
        };
    }

    public static JsonObject Change(CloudDnsChangeRecord change)
    {
        var additions = new JsonArray();
        foreach (var rrset in change.Additions)
        {
            additions.Add(RecordSet(rrset));
        }

        var deletions = new JsonArray();
        foreach (var rrset in change.Deletions)
        {
            deletions.Add(RecordSet(rrset));
        }

        var json = new JsonObject
        {
            ["kind"] = "dns#change",
            ["id"] = change.Id,
            ["startTime"] = Timestamp(change.Started),
            ["status"] = change.Status,
        };
        if (additions.Count > 0)
        {
            json["additions"] = additions;
        }

        if (deletions.Count > 0)
        {
            json["deletions"] = deletions;
        }

        return json;
    }

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
