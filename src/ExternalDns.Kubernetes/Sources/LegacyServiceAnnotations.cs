using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// <c>--compatibility</c> for the service source (upstream <c>source/compatibility.go</c>): the annotations of the
/// controllers ExternalDNS replaced. <c>mate</c>: <c>zalando.org/dnsname</c>; <c>molecule</c>: <c>domainName</c>
/// (comma-separated) on Services labelled <c>dns=route53</c>; <c>kops-dns-controller</c>:
/// <c>dns.alpha.kubernetes.io/external</c> and <c>/internal</c> (comma-separated) — LoadBalancer Services publish their
/// load balancer for both; NodePort Services publish the addresses of nodes labelled
/// <c>node-role.kubernetes.io/node</c> (external: ExternalIP, and InternalIP IPv6 with <c>--expose-internal-ipv6</c>;
/// internal: InternalIP; both annotations at once: nothing, as dns-controller). Records get no TTL or properties.
/// </summary>
internal static class LegacyServiceAnnotations
{
    public const string Mate = "zalando.org/dnsname";
    public const string Molecule = "domainName";
    public const string KopsExternal = "dns.alpha.kubernetes.io/external";
    public const string KopsInternal = "dns.alpha.kubernetes.io/internal";

    public static List<Endpoint> Endpoints(string mode, Service svc, KubernetesObjectSet cluster, bool exposeInternalIpv6, MappingScope scope)
    {
        var annotations = svc.Annotations;
        switch (mode)
        {
            case "mate":
                return annotations.TryGetValue(Mate, out var mate)
                    ? ForLoadBalancer(svc, scope.ValidHostnames([mate], $"annotation {Mate} hostname", Mate), scope)
                    : [];
            case "molecule":
                return svc.Labels.TryGetValue("dns", out var dns) && dns == "route53" && annotations.TryGetValue(Molecule, out var molecule)
                    ? ForLoadBalancer(svc, scope.ValidHostnames(Split(molecule), $"annotation {Molecule} hostname", Molecule), scope)
                    : [];
            case "kops-dns-controller":
                return Kops(svc, cluster, exposeInternalIpv6, scope);
            default:
                return [];
        }
    }

    private static List<Endpoint> Kops(Service svc, KubernetesObjectSet cluster, bool exposeInternalIpv6, MappingScope scope)
    {
        var isExternal = svc.Annotations.TryGetValue(KopsExternal, out var external);
        var isInternal = svc.Annotations.TryGetValue(KopsInternal, out var @internal);
        if (!isExternal && !isInternal)
        {
            return [];
        }

        switch (svc.Spec.Type)
        {
            case "LoadBalancer":
                {
                    var names = new List<string>();
                    if (isExternal)
                    {
                        names.AddRange(scope.ValidHostnames(Split(external!), $"annotation {KopsExternal} hostname", KopsExternal));
                    }

                    if (isInternal)
                    {
                        names.AddRange(scope.ValidHostnames(Split(@internal!), $"annotation {KopsInternal} hostname", KopsInternal));
                    }

                    return ForLoadBalancer(svc, names, scope);
                }

            case "NodePort" when isExternal != isInternal:
                {
                    var key = isExternal ? KopsExternal : KopsInternal;
                    var names = scope.ValidHostnames(Split(isExternal ? external! : @internal!), $"annotation {key} hostname", key);
                    var addresses = new List<string?>();
                    foreach (var node in cluster.Nodes.Where(n => n.Labels.ContainsKey("node-role.kubernetes.io/node")))
                    {
                        foreach (var a in node.Status.Addresses ?? [])
                        {
                            var v6 = a.Address is { } address && RecordTypes.ForTarget(address) == RecordTypes.AAAA;
                            if (isExternal ? a.Type == "ExternalIP" || (exposeInternalIpv6 && a.Type == "InternalIP" && v6) : a.Type == "InternalIP")
                            {
                                addresses.Add(a.Address);
                            }
                        }
                    }

                    var targets = scope.ValidTargets(addresses, "node address");
                    return [.. names.SelectMany(n => CommonAnnotations.EndpointsForHostname(n, targets, 0, [], string.Empty, scope.Resource))];
                }

            default:
                return [];
        }
    }

    private static List<Endpoint> ForLoadBalancer(Service svc, List<string> names, MappingScope scope)
    {
        var raw = new List<string?>();
        foreach (var lb in svc.Status.LoadBalancer.Ingress ?? [])
        {
            raw.Add(lb.Ip);
            raw.Add(lb.Hostname);
        }

        var targets = scope.ValidTargets(raw, "status.loadBalancer.ingress entry");
        return [.. names.SelectMany(n => CommonAnnotations.EndpointsForHostname(n, targets, 0, [], string.Empty, scope.Resource))];
    }

    // Upstream removes every space and splits on commas.
    private static string[] Split(string value) =>
        value.Replace(" ", string.Empty, StringComparison.Ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries);
}
