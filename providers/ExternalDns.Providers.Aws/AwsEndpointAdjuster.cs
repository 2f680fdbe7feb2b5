using System.Globalization;
using ExternalDns.Core.Endpoints;
using Microsoft.Extensions.Logging;

namespace ExternalDns.Providers.Aws;

/// <summary>
/// Canonicalises desired endpoints into exactly what <see cref="AwsRecordMapper.ToEndpoint"/> will read back after they
/// are written, so that a second reconcile plans nothing: CNAMEs to AWS endpoints become A and AAAA aliases (TTL 300,
/// <c>aws/evaluate-target-health</c> set), <c>alias=false</c> on plain CNAMEs, routing properties normalised (weight as
/// a number, failover upper case, multi-value as an empty value, geoproximity bias 0, coordinates trimmed), TXT values
/// quoted, properties of other providers dropped. <c>aws/hosted-zone-id</c> (which Route53 cannot report back) is
/// taken off the endpoint and remembered for the write.
/// </summary>
internal sealed class AwsEndpointAdjuster
{
    private readonly AwsProviderOptions _options;
    private readonly ILogger _logger;

    public AwsEndpointAdjuster(AwsProviderOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
    }

    public List<Endpoint> Adjust(IReadOnlyList<Endpoint> endpoints, Dictionary<string, string> pins)
    {
        var result = new List<Endpoint>(endpoints.Count + 8);
        foreach (var original in endpoints)
        {
            var ep = original.Clone();
            ep.ProviderSpecific.RemoveAll(p => p.Name != AwsProperties.Alias && !p.Name.StartsWith(AwsProperties.Prefix, StringComparison.Ordinal));
            if (ep.GetProviderSpecific(AwsProperties.HostedZoneId) is { } pin)
            {
                ep.RemoveProviderSpecific(AwsProperties.HostedZoneId);
                if (pin.Length > 0)
                {
                    pins[PinKey(ep.DnsName)] = AwsRecordMapper.StripZonePrefix(pin);
                }
            }

            NormalizeRouting(ep);
            switch (ep.RecordType)
            {
                case RecordTypes.A or RecordTypes.AAAA:
                    if (ep.GetProviderSpecific(AwsProperties.Alias) is "true" or "A" or "AAAA")
                    {
                        AdjustAlias(ep);
                    }
                    else
                    {
                        ep.RemoveProviderSpecific(AwsProperties.Alias);
                        ep.RemoveProviderSpecific(AwsProperties.EvaluateTargetHealth);
                        ep.RemoveProviderSpecific(AwsProperties.TargetHostedZone);
                    }

                    result.Add(ep);
                    break;
                case RecordTypes.CNAME:
                    AdjustCname(ep, result);
                    break;
                case RecordTypes.TXT:
                    StripAliasProperties(ep);
                    ep.Targets = new Targets(ep.Targets.Select(t => t.Length >= 2 && t[0] == '"' && t[^1] == '"' ? t : "\"" + t.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
                    result.Add(ep);
                    break;
                default:
                    StripAliasProperties(ep);
                    result.Add(ep);
                    break;
            }
        }

        return result;
    }

    /// <summary>The key a pin is remembered under: the record's name (a TXT ownership record finds its owner's pin by the owned name).</summary>
    public static string PinKey(string dnsName) => DnsNames.Normalize(dnsName);

    private void AdjustCname(Endpoint ep, List<Endpoint> result)
    {
        var alias = ep.GetProviderSpecific(AwsProperties.Alias);
        if (alias is null && _options.PreferAlias && !_options.PreferCname)
        {
            alias = "true";
        }

        if (alias is null)
        {
            var canonical = ep.Targets.Count > 0 ? AwsCanonicalHostedZones.Find(ep.Targets[0]) : null;
            if (canonical is null && ep.Targets.Count > 0 && !_options.PreferCname && AwsCanonicalHostedZones.LooksLikeAws(ep.Targets[0]))
            {
                AwsLog.UnknownAwsTarget(_logger, ep.Targets[0], ep.DnsName);
            }

            alias = !_options.PreferCname && canonical is not null ? "true" : "false";
        }

        switch (alias)
        {
            case "true":
                ep.RecordType = RecordTypes.A;
                AdjustAlias(ep);
                result.Add(ep);
                var aaaa = ep.Clone();
                aaaa.RecordType = RecordTypes.AAAA;
                result.Add(aaaa);
                break;
            case "A" or "AAAA":
                ep.RecordType = alias;
                AdjustAlias(ep);
                result.Add(ep);
                break;
            default:
                ep.SetProviderSpecific(AwsProperties.Alias, "false");
                ep.RemoveProviderSpecific(AwsProperties.EvaluateTargetHealth);
                ep.RemoveProviderSpecific(AwsProperties.TargetHostedZone);
                result.Add(ep);
                break;
        }
    }

    /// <summary>An alias as Route53 reports it: alias=true, TTL 300, evaluate-target-health true/false; target-hosted-zone is write-only.</summary>
    private void AdjustAlias(Endpoint ep)
    {
        ep.SetProviderSpecific(AwsProperties.Alias, "true");
        ep.RecordTtl = AwsProviderOptions.DefaultTtl;
        var evaluate = ep.GetProviderSpecific(AwsProperties.EvaluateTargetHealth) switch
        {
            "true" => true,
            "false" => false,
            null => _options.EvaluateTargetHealth,
            var other => InvalidBool(ep, other),
        };
        ep.SetProviderSpecific(AwsProperties.EvaluateTargetHealth, evaluate ? "true" : "false");
        if (ep.Targets.Count > 1)
        {
            AwsLog.InvalidProperty(_logger, AwsProperties.Alias, "true", ep.DnsName, "an alias has exactly one target; using the first");
            ep.Targets = new Targets(ep.Targets[0]);
        }
    }

    private bool InvalidBool(Endpoint ep, string value)
    {
        AwsLog.InvalidProperty(_logger, AwsProperties.EvaluateTargetHealth, value, ep.DnsName, "not true or false; using --aws-evaluate-target-health");
        return _options.EvaluateTargetHealth;
    }

    private void NormalizeRouting(Endpoint ep)
    {
        if (ep.GetProviderSpecific(AwsProperties.Weight) is { } weight)
        {
            if (!long.TryParse(weight.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w))
            {
                AwsLog.InvalidProperty(_logger, AwsProperties.Weight, weight, ep.DnsName, "not a number; using weight 0 (as upstream)");
                w = 0;
            }

            ep.SetProviderSpecific(AwsProperties.Weight, w.ToString(CultureInfo.InvariantCulture));
        }

        if (ep.GetProviderSpecific(AwsProperties.Failover) is { } failover)
        {
            ep.SetProviderSpecific(AwsProperties.Failover, failover.Trim().ToUpperInvariant());
        }

        if (ep.GetProviderSpecific(AwsProperties.MultiValueAnswer) is { } multi)
        {
            if (multi.Trim().Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                ep.RemoveProviderSpecific(AwsProperties.MultiValueAnswer);
            }
            else
            {
                ep.SetProviderSpecific(AwsProperties.MultiValueAnswer, string.Empty);
            }
        }

        if (ep.GetProviderSpecific(AwsProperties.GeolocationContinentCode) is not null)
        {
            ep.RemoveProviderSpecific(AwsProperties.GeolocationCountryCode);
            ep.RemoveProviderSpecific(AwsProperties.GeolocationSubdivisionCode);
        }

        if (ep.GetProviderSpecific(AwsProperties.GeoProximityCoordinates) is { } coordinates)
        {
            if (AwsRecordMapper.TryParseCoordinates(coordinates, out var lat, out var lon))
            {
                ep.SetProviderSpecific(AwsProperties.GeoProximityCoordinates, lat + "," + lon);
            }
            else
            {
                AwsLog.InvalidProperty(_logger, AwsProperties.GeoProximityCoordinates, coordinates, ep.DnsName, "expected 'latitude,longitude' within ±90,±180");
                ep.RemoveProviderSpecific(AwsProperties.GeoProximityCoordinates);
            }
        }

        if (ep.GetProviderSpecific(AwsProperties.GeoProximityBias) is { } bias)
        {
            if (int.TryParse(bias.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b))
            {
                ep.SetProviderSpecific(AwsProperties.GeoProximityBias, b.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                AwsLog.InvalidProperty(_logger, AwsProperties.GeoProximityBias, bias, ep.DnsName, "not a number; using bias 0 (as upstream)");
                ep.SetProviderSpecific(AwsProperties.GeoProximityBias, "0");
            }
        }

        var geoproximity = ep.GetProviderSpecific(AwsProperties.GeoProximityRegion) is not null
            || ep.GetProviderSpecific(AwsProperties.GeoProximityLocalZoneGroup) is not null
            || ep.GetProviderSpecific(AwsProperties.GeoProximityCoordinates) is not null;
        if (ep.SetIdentifier.Length > 0 && geoproximity && ep.GetProviderSpecific(AwsProperties.GeoProximityBias) is null)
        {
            ep.SetProviderSpecific(AwsProperties.GeoProximityBias, "0");
        }

        if (ep.SetIdentifier.Length == 0)
        {
            // Route53 refuses a routing policy without a set identifier: it is not written, so not planned either.
            foreach (var property in AwsProperties.RoutingPolicies)
            {
                if (ep.GetProviderSpecific(property) is { } value)
                {
                    AwsLog.InvalidProperty(_logger, property, value, ep.DnsName, "a routing policy needs the set-identifier annotation");
                    ep.RemoveProviderSpecific(property);
                }
            }

            ep.RemoveProviderSpecific(AwsProperties.GeoProximityBias);
        }
    }

    private static void StripAliasProperties(Endpoint ep)
    {
        ep.RemoveProviderSpecific(AwsProperties.Alias);
        ep.RemoveProviderSpecific(AwsProperties.EvaluateTargetHealth);
        ep.RemoveProviderSpecific(AwsProperties.TargetHostedZone);
    }
}
