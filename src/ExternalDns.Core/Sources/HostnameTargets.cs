using System.Net.Sockets;
using ExternalDns.Core.Endpoints;

namespace ExternalDns.Core.Sources;

/// <summary>
/// <c>--resolve-service-load-balancer-hostname</c> (upstream resolves in the service source with <c>net.LookupIP</c>):
/// a CNAME endpoint carrying <see cref="ResolveProperty"/> becomes A and AAAA targets — merged into the A/AAAA endpoints of
/// the same name, set identifier and resource when those exist (a load balancer with both an IP and a host name).
/// Where upstream drops a host name it cannot resolve (and so deletes its records), this stage names the resource
/// unresolved: its records are kept unchanged until the name resolves again.
/// </summary>
public static class HostnameTargets
{
    /// <summary>The internal provider-specific property that marks targets to resolve; never reaches a provider.</summary>
    public const string ResolveProperty = "externaldns/resolve-target-hostname";

    /// <summary>
    /// Resolves the marked endpoints of <paramref name="endpoints"/> (the property is removed from every endpoint); an
    /// endpoint that changes is replaced in the list by a changed copy, never changed in place; resources whose names could not be resolved are added to <paramref name="unresolved"/>.
    /// </summary>
    public static async Task ResolveAsync(List<Endpoint> endpoints, IHostnameResolver? resolver, ISet<string> unresolved, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(unresolved);
        var marked = new List<Endpoint>();
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (endpoints[i].GetProviderSpecific(ResolveProperty) is not null)
            {
                // A copy: sources may hand out the same instance again (SourceResult.Endpoints is read-only).
                var e = endpoints[i].Clone();
                e.RemoveProviderSpecific(ResolveProperty);
                endpoints[i] = e;
                marked.Add(e);
            }
        }

        if (marked.Count == 0 || resolver is null)
        {
            return;
        }

        var cache = new Dictionary<string, IReadOnlyList<System.Net.IPAddress>?>(StringComparer.OrdinalIgnoreCase);
        foreach (var cname in marked)
        {
            var v4 = new List<string>();
            var v6 = new List<string>();
            var failed = false;
            foreach (var host in cname.Targets)
            {
                if (!cache.TryGetValue(host, out var addresses))
                {
                    try
                    {
                        addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        warn?.Invoke($"cannot resolve load balancer host name {host} of {cname.DnsName} ({cname.Labels.Resource ?? "no resource"}): {ex.Message}; its records are kept as they are");
                        addresses = null;
                    }

                    cache[host] = addresses;
                }

                if (addresses is null)
                {
                    failed = true;
                    continue;
                }

                foreach (var address in addresses)
                {
                    var list = address.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : v4;
                    var text = address.ToString();
                    if (!list.Contains(text, StringComparer.Ordinal))
                    {
                        list.Add(text);
                    }
                }
            }

            endpoints.Remove(cname);
            if (failed)
            {
                if (cname.Labels.Resource is { } resource)
                {
                    unresolved.Add(resource);
                }

                continue;
            }

            Merge(endpoints, cname, RecordTypes.A, v4);
            Merge(endpoints, cname, RecordTypes.AAAA, v6);
        }
    }

    private static void Merge(List<Endpoint> endpoints, Endpoint cname, string type, List<string> addresses)
    {
        if (addresses.Count == 0)
        {
            return;
        }

        var at = endpoints.FindIndex(e => e.RecordType == type
            && string.Equals(e.DnsName, cname.DnsName, StringComparison.OrdinalIgnoreCase)
            && e.SetIdentifier == cname.SetIdentifier
            && e.Labels.Resource == cname.Labels.Resource);
        if (at >= 0)
        {
            var existing = endpoints[at].Clone();
            existing.Targets = new Targets(existing.Targets.Concat(addresses.Where(a => !existing.Targets.Contains(a, StringComparer.Ordinal))).ToList());
            endpoints[at] = existing;
            return;
        }

        var copy = cname.Clone();
        copy.RecordType = type;
        copy.Targets = new Targets(addresses);
        endpoints.Add(copy);
    }
}
