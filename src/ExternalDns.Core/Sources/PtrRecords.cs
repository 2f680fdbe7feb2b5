using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Sources;

/// <summary>
/// Upstream's PTR source wrapper (<c>source/wrappers/ptr.go</c>): for every A and AAAA endpoint (not a wildcard) that
/// asks for it, a PTR endpoint at the reverse name of each target pointing back at the endpoint's name. Whether an
/// endpoint asks is <c>--create-ptr</c>, overridden per resource by the <c>record-type</c> annotation (carried as the
/// provider-specific property <c>record-type</c>): <c>ptr</c> asks, any other value (empty included) opts out.
/// Several names on one address become one PTR endpoint with several targets, with the lowest TTL among them.
/// </summary>
public static class PtrRecords
{
    /// <summary>The provider-specific property that carries the <c>record-type</c> annotation.</summary>
    public const string RecordTypeProperty = "record-type";

    /// <summary>
    /// Removes the <c>record-type</c> property from every endpoint, replacing each that has it in the list by a copy without
    /// it (it is a request to this stage, never a provider
    /// property: left on, it would differ from the provider's record on every reconcile) and returns the PTR endpoints
    /// the requests and <paramref name="createByDefault"/> ask for.
    /// </summary>
    public static List<Endpoint> Generate(List<Endpoint> endpoints, bool createByDefault, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var byAddress = new Dictionary<string, (List<string> Names, long Ttl, string? Resource, bool MixedResources)>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < endpoints.Count; i++)
        {
            var e = endpoints[i];
            var requested = e.GetProviderSpecific(RecordTypeProperty);
            if (requested is not null)
            {
                // A copy: sources may hand out the same instance again (SourceResult.Endpoints is read-only).
                e = e.Clone();
                e.RemoveProviderSpecific(RecordTypeProperty);
                endpoints[i] = e;
            }

            var eligible = e.RecordType is RecordTypes.A or RecordTypes.AAAA && !e.DnsName.StartsWith("*.", StringComparison.Ordinal);
            if (!eligible)
            {
                if (requested is not null)
                {
                    warn?.Invoke($"the record-type annotation on {e.RecordType} record {e.DnsName} is ignored: PTR records are made for A and AAAA records only");
                }

                continue;
            }

            var enabled = requested is null ? createByDefault : string.Equals(requested, RecordTypes.PTR, StringComparison.OrdinalIgnoreCase);
            if (!enabled)
            {
                continue;
            }

            foreach (var target in e.Targets)
            {
                if (!IpAddresses.TryParse(target, out var ip))
                {
                    continue;
                }

                var name = ReverseNames.For(ip);
                if (!byAddress.TryGetValue(name, out var entry))
                {
                    order.Add(name);
                    byAddress[name] = ([e.DnsName], e.RecordTtl, e.Labels.Resource, false);
                    continue;
                }

                if (!entry.Names.Contains(e.DnsName, StringComparer.OrdinalIgnoreCase))
                {
                    entry.Names.Add(e.DnsName);
                }

                // Upstream keeps the lower TTL (an unset TTL, 0, wins: the provider's default applies).
                var ttl = Math.Min(entry.Ttl, e.RecordTtl);
                var mixed = entry.MixedResources || !string.Equals(entry.Resource, e.Labels.Resource, StringComparison.Ordinal);
                byAddress[name] = (entry.Names, ttl, entry.Resource, mixed);
            }
        }

        var result = new List<Endpoint>(order.Count);
        foreach (var name in order)
        {
            var (names, ttl, resource, _) = byAddress[name];
            var ptr = new Endpoint(name, RecordTypes.PTR, ttl, names);

            // The resource that asked first owns the PTR (for its ownership record, Events and the unresolved-object
            // protection); upstream writes PTR records without a resource.
            if (resource is not null)
            {
                ptr.Labels[Labels.ResourceKey] = resource;
            }

            result.Add(ptr);
        }

        return result;
    }
}
