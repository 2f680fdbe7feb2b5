using System.Globalization;
using System.Text;
using ExternalDns.Core.Endpoints;
using ExternalDns.Providers.Aws.Api;

namespace ExternalDns.Providers.Aws;

/// <summary>Route53 record sets to endpoints (the read path) and endpoints to record sets (the write path), as upstream maps them.</summary>
internal static class AwsRecordMapper
{
    /// <summary>The record types read from Route53 (upstream: A, AAAA, CNAME, DNAME, SRV, TXT, NS, plus MX and NAPTR).</summary>
    public static bool IsSupported(string type) =>
        type is RecordTypes.A or RecordTypes.AAAA or RecordTypes.CNAME or "DNAME" or RecordTypes.SRV or RecordTypes.TXT or RecordTypes.NS or RecordTypes.MX or RecordTypes.NAPTR;

    /// <summary>The endpoint of a record set; null for a type the provider does not manage.</summary>
    public static Endpoint? ToEndpoint(ResourceRecordSet set)
    {
        if (!IsSupported(set.Type))
        {
            return null;
        }

        var name = Unescape(set.Name);
        Endpoint endpoint;
        if (set.AliasTarget is { } alias)
        {
            endpoint = new Endpoint(name, set.Type, set.Ttl is > 0 ? set.Ttl.Value : AwsProviderOptions.DefaultTtl, [Unescape(alias.DnsName)]);
            endpoint.SetProviderSpecific(AwsProperties.EvaluateTargetHealth, alias.EvaluateTargetHealth ? "true" : "false");
            endpoint.SetProviderSpecific(AwsProperties.Alias, "true");
        }
        else
        {
            endpoint = new Endpoint(name, set.Type, set.Ttl ?? 0, set.Values);
            if (set.Type == RecordTypes.CNAME)
            {
                endpoint.SetProviderSpecific(AwsProperties.Alias, "false");
            }
        }

        if (set.SetIdentifier is not null)
        {
            endpoint.SetIdentifier = set.SetIdentifier;
            if (set.Weight is { } weight)
            {
                endpoint.SetProviderSpecific(AwsProperties.Weight, weight.ToString(CultureInfo.InvariantCulture));
            }
            else if (!string.IsNullOrEmpty(set.Region))
            {
                endpoint.SetProviderSpecific(AwsProperties.Region, set.Region);
            }
            else if (!string.IsNullOrEmpty(set.Failover))
            {
                endpoint.SetProviderSpecific(AwsProperties.Failover, set.Failover);
            }
            else if (set.MultiValueAnswer == true)
            {
                endpoint.SetProviderSpecific(AwsProperties.MultiValueAnswer, string.Empty);
            }
            else if (set.GeoLocation is { } geo)
            {
                if (geo.ContinentCode is not null)
                {
                    endpoint.SetProviderSpecific(AwsProperties.GeolocationContinentCode, geo.ContinentCode);
                }
                else
                {
                    if (geo.CountryCode is not null)
                    {
                        endpoint.SetProviderSpecific(AwsProperties.GeolocationCountryCode, geo.CountryCode);
                    }

                    if (geo.SubdivisionCode is not null)
                    {
                        endpoint.SetProviderSpecific(AwsProperties.GeolocationSubdivisionCode, geo.SubdivisionCode);
                    }
                }
            }
            else if (set.GeoProximityLocation is { } gp)
            {
                if (!string.IsNullOrEmpty(gp.AwsRegion))
                {
                    endpoint.SetProviderSpecific(AwsProperties.GeoProximityRegion, gp.AwsRegion);
                }

                if (gp.Bias is { } bias)
                {
                    endpoint.SetProviderSpecific(AwsProperties.GeoProximityBias, bias.ToString(CultureInfo.InvariantCulture));
                }

                if (gp.Latitude is not null || gp.Longitude is not null)
                {
                    endpoint.SetProviderSpecific(AwsProperties.GeoProximityCoordinates, $"{gp.Latitude},{gp.Longitude}");
                }

                if (!string.IsNullOrEmpty(gp.LocalZoneGroup))
                {
                    endpoint.SetProviderSpecific(AwsProperties.GeoProximityLocalZoneGroup, gp.LocalZoneGroup);
                }
            }
        }

        if (set.HealthCheckId is not null)
        {
            endpoint.SetProviderSpecific(AwsProperties.HealthCheckId, set.HealthCheckId);
        }

        return endpoint;
    }

    /// <summary>
    /// The record set for <paramref name="endpoint"/> in the zone <paramref name="zoneId"/> (the target of a same-zone alias).
    /// The endpoint has been through <see cref="AwsEndpointAdjuster"/>, so its properties are canonical.
    /// </summary>
    public static ResourceRecordSet ToRecordSet(Endpoint endpoint, string zoneId, bool defaultEvaluateTargetHealth)
    {
        AliasTarget? alias = null;
        long? ttl = null;
        IReadOnlyList<string> values = [];
        if (AliasZone(endpoint, zoneId) is { } targetZone)
        {
            var evaluate = endpoint.GetProviderSpecific(AwsProperties.EvaluateTargetHealth) switch
            {
                "true" => true,
                "false" => false,
                _ => defaultEvaluateTargetHealth,
            };
            alias = new AliasTarget(targetZone, endpoint.Targets[0], evaluate);
        }
        else
        {
            ttl = endpoint.RecordTtl > 0 ? endpoint.RecordTtl : AwsProviderOptions.DefaultTtl;
            values = [.. endpoint.Targets];
        }

        GeoLocation? geo = null;
        var continent = endpoint.GetProviderSpecific(AwsProperties.GeolocationContinentCode);
        var country = endpoint.GetProviderSpecific(AwsProperties.GeolocationCountryCode);
        var subdivision = endpoint.GetProviderSpecific(AwsProperties.GeolocationSubdivisionCode);
        if (continent is not null)
        {
            geo = new GeoLocation(continent, null, null);
        }
        else if (country is not null || subdivision is not null)
        {
            geo = new GeoLocation(null, country, subdivision);
        }

        GeoProximityLocation? proximity = null;
        var gpRegion = endpoint.GetProviderSpecific(AwsProperties.GeoProximityRegion);
        var gpGroup = endpoint.GetProviderSpecific(AwsProperties.GeoProximityLocalZoneGroup);
        var gpCoordinates = endpoint.GetProviderSpecific(AwsProperties.GeoProximityCoordinates);
        var gpBias = endpoint.GetProviderSpecific(AwsProperties.GeoProximityBias);
        if (gpRegion is not null || gpGroup is not null || gpCoordinates is not null || gpBias is not null)
        {
            string? latitude = null, longitude = null;
            if (gpCoordinates is not null && TryParseCoordinates(gpCoordinates, out var lat, out var lon))
            {
                (latitude, longitude) = (lat, lon);
            }

            proximity = new GeoProximityLocation(
                gpRegion,
                gpGroup,
                latitude,
                longitude,
                gpBias is not null && int.TryParse(gpBias, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bias) ? bias : null);
        }

        return new ResourceRecordSet
        {
            Name = endpoint.DnsName,
            Type = endpoint.RecordType,
            Ttl = ttl,
            Values = values,
            AliasTarget = alias,
            SetIdentifier = endpoint.SetIdentifier.Length > 0 ? endpoint.SetIdentifier : null,
            Weight = endpoint.GetProviderSpecific(AwsProperties.Weight) is { } w && long.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight) ? weight : null,
            Region = endpoint.GetProviderSpecific(AwsProperties.Region),
            Failover = endpoint.GetProviderSpecific(AwsProperties.Failover),
            MultiValueAnswer = endpoint.GetProviderSpecific(AwsProperties.MultiValueAnswer) is not null ? true : null,
            GeoLocation = geo,
            GeoProximityLocation = proximity,
            HealthCheckId = endpoint.GetProviderSpecific(AwsProperties.HealthCheckId),
        };
    }

    /// <summary>The hosted zone an alias endpoint targets (upstream's <c>isAWSAlias</c>), or null when it is not an alias.</summary>
    public static string? AliasZone(Endpoint endpoint, string sameZoneId)
    {
        if (endpoint.GetProviderSpecific(AwsProperties.Alias) != "true"
            || endpoint.RecordType is not (RecordTypes.A or RecordTypes.AAAA)
            || endpoint.Targets.Count == 0)
        {
            return null;
        }

        if (endpoint.GetProviderSpecific(AwsProperties.TargetHostedZone) is { Length: > 0 } pinned)
        {
            return StripZonePrefix(pinned);
        }

        return AwsCanonicalHostedZones.Find(endpoint.Targets[0]) ?? sameZoneId;
    }

    /// <summary>The bytes and values a change counts against the batch limits (UPSERT counts twice, as Route53 does).</summary>
    public static (int Bytes, int Values) Size(Change change)
    {
        var set = change.RecordSet;
        var (bytes, values) = set.AliasTarget is { } alias
            ? (Encoding.UTF8.GetByteCount(alias.DnsName), 1)
            : (set.Values.Sum(v => Encoding.UTF8.GetByteCount(v)), set.Values.Count);
        return change.Action == ChangeAction.Upsert ? (bytes * 2, values * 2) : (bytes, values);
    }

    public static bool TryParseCoordinates(string value, out string latitude, out string longitude)
    {
        latitude = longitude = string.Empty;
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) || lon is < -180 or > 180)
        {
            return false;
        }

        (latitude, longitude) = (parts[0], parts[1]);
        return true;
    }

    public static string StripZonePrefix(string id) => id.StartsWith("/hostedzone/", StringComparison.Ordinal) ? id["/hostedzone/".Length..] : id;

    /// <summary>Route53 writes some characters as <c>\ooo</c> octal escapes (<c>\052</c> for <c>*</c>): decodes them.</summary>
    public static string Unescape(string name)
    {
        if (!name.Contains('\\', StringComparison.Ordinal))
        {
            return name;
        }

        var sb = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '\\' && IsOctal(name, i + 1))
            {
                sb.Append((char)Convert.ToInt32(name.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                sb.Append(name[i]);
            }
        }

        return sb.ToString();
    }

    private static bool IsOctal(string s, int start)
    {
        if (start + 3 > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + 3; i++)
        {
            if (s[i] is < '0' or > '7')
            {
                return false;
            }
        }

        return s[start] <= '3';
    }
}
