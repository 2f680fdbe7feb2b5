using System.Globalization;
using System.Net;
using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps a DNSEndpoint (externaldns.k8s.io/v1alpha1) to endpoints as upstream's <c>source/crd.go</c>: each
/// <c>spec.endpoints[]</c> entry is one endpoint, labelled <c>resource=crd/ns/name</c>. Target trailing dots follow
/// upstream: rejected on A, AAAA and other address-like types, required on NAPTR, free on CNAME, DNAME, SRV, TXT, MX.
/// Empty targets pass through for <c>--default-targets</c>. Entries that upstream's dedup stage would reject (A/AAAA
/// targets that are not IPs of that family, malformed MX or SRV data, alias on a type without alias) are rejected here,
/// where the object is known, instead.
/// </summary>
public sealed class DnsEndpointMapper(MappingSettings settings)
{
    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    /// <summary>Namespace, label and annotation filters (the crd source does not read the controller annotation).</summary>
    public bool Selects(DnsEndpoint d) => _settings.Selects(d);

    public static ObjectMapping Map(DnsEndpoint d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var scope = new MappingScope(new ResourceRef("DNSEndpoint", d.Namespace, d.Name));
        var result = new List<Endpoint>();
        var entries = d.Spec.Endpoints ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is { } entry && MapEntry(entry, i, scope) is { } ep)
            {
                result.Add(ep);
            }
        }

        return scope.Result(result);
    }

    private static Endpoint? MapEntry(EndpointSpec entry, int index, MappingScope scope)
    {
        var where = $"spec.endpoints[{index}]";
        var dnsName = entry.DnsName ?? string.Empty;
        if (DnsNames.Validate(dnsName.EndsWith('.') ? dnsName[..^1] : dnsName) is { } nameError)
        {
            // An invalid name can never have been written, so dropping it loses no record.
            scope.Warn($"{where} dnsName \"{dnsName}\" is not a valid DNS name ({nameError}); the entry is ignored");
            return null;
        }

        var type = RecordTypes.Canonical(entry.RecordType);
        if (type is null)
        {
            scope.Unresolved($"{where} ({dnsName}) has record type \"{entry.RecordType}\", which is not one of {string.Join(", ", RecordTypes.Known)}");
            return null;
        }

        var targets = entry.Targets ?? [];
        if (targets.Count == 0 && type is RecordTypes.CNAME or RecordTypes.DNAME)
        {
            // Upstream drops these silently (MergeEndpoints runs before --default-targets), deleting the record.
            scope.Unresolved($"{where} ({dnsName} {type}) has no targets; --default-targets do not fill {type} entries");
            return null;
        }

        foreach (var target in targets)
        {
            if (TrailingDotError(type, target) is { } fixedTarget)
            {
                scope.Invalid(type);
                scope.Unresolved($"{where} ({dnsName} {type}) has an illegal target \"{target}\": use \"{fixedTarget}\"");
                return null;
            }
        }

        var providerSpecific = (entry.ProviderSpecific ?? []).Where(p => !string.IsNullOrEmpty(p.Name)).Select(p => new ProviderSpecificProperty(p.Name!, p.Value ?? string.Empty)).ToList();
        var alias = providerSpecific.Any(p => p.Name == "alias" && p.Value == "true");
        if (CheckTargets(type, targets, alias) is { } targetError)
        {
            scope.Invalid(type);
            scope.Unresolved($"{where} ({dnsName} {type}) {targetError}");
            return null;
        }

        var ttl = entry.RecordTtl;
        if (ttl < 0)
        {
            scope.Warn($"{where} ({dnsName} {type}) recordTTL {ttl} is negative; the default TTL is used");
            ttl = 0;
        }

        var ep = new Endpoint(dnsName, type, ttl, targets) { SetIdentifier = entry.SetIdentifier ?? string.Empty };
        foreach (var (k, v) in entry.Labels ?? [])
        {
            ep.Labels[k] = v;
        }

        ep.Labels[Labels.ResourceKey] = scope.Resource;
        ep.AddProviderSpecific(providerSpecific);

        return ep;
    }

    /// <summary>The corrected target when the trailing-dot rule is broken, else null.</summary>
    private static string? TrailingDotError(string type, string target)
    {
        if (type is RecordTypes.CNAME or RecordTypes.DNAME or RecordTypes.TXT or RecordTypes.MX or RecordTypes.SRV)
        {
            return null;
        }

        var hasDot = target.EndsWith('.');
        if (type == RecordTypes.NAPTR)
        {
            return hasDot ? null : target + ".";
        }

        return hasDot ? target[..^1] : null;
    }

    /// <summary>Upstream's <c>CheckEndpoint</c>; null when the targets fit the type.</summary>
    internal static string? CheckTargets(string type, IReadOnlyList<string> targets, bool alias)
    {
        if (alias && type is not (RecordTypes.A or RecordTypes.AAAA or RecordTypes.CNAME))
        {
            return "requests an alias, which only A, AAAA and CNAME records support";
        }

        switch (type)
        {
            case RecordTypes.A or RecordTypes.AAAA when !alias:
                foreach (var t in targets)
                {
                    var family = ParseIp(t);
                    if (family is null)
                    {
                        return $"target \"{t}\" is not an IP address";
                    }

                    if (family != type)
                    {
                        return $"target \"{t}\" is an {(family == RecordTypes.A ? "IPv4" : "IPv6")} address, not valid in an {type} record";
                    }
                }

                break;
            case RecordTypes.MX:
                foreach (var t in targets)
                {
                    var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (parts.Length != 2 || !ushort.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    {
                        return $"target \"{t}\" is not '<preference> <host>'";
                    }
                }

                break;
            case RecordTypes.SRV:
                foreach (var t in targets)
                {
                    var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (parts.Length != 4 || !parts[3].EndsWith('.')
                        || !parts.Take(3).All(p => ushort.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    {
                        return $"target \"{t}\" is not '<priority> <weight> <port> <host>.'";
                    }
                }

                break;
        }

        return null;
    }

    /// <summary>"A" or "AAAA" for a strictly written IP address (no zone, IPv4 in four parts), else null.</summary>
    internal static string? ParseIp(string target)
    {
        if (!IpAddresses.TryParse(target, out var ip))
        {
            return null;
        }

        if (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return target.Count(c => c == '.') == 3 && !target.Contains(':', StringComparison.Ordinal) ? RecordTypes.A : null;
        }

        return RecordTypes.AAAA;
    }
}
