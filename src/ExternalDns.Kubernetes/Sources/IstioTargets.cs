using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Where an Istio Gateway's traffic arrives (upstream's <c>targetsFromGateway</c>): the Gateway's <c>target</c>
/// annotation; else the load balancer of the Ingress its <c>ingress</c> annotation names (<c>[namespace/]name</c>,
/// the Gateway's namespace by default; an IP, else a host name, per load-balancer entry); else the Services (in
/// <c>--namespace</c>, every namespace when it is unset) whose <c>spec.selector</c> contains the Gateway's
/// <c>spec.selector</c>: their <c>externalIPs</c>, else per load-balancer entry its IP, else its host name.
/// </summary>
internal static class IstioTargets
{
    /// <summary>
    /// The targets, or null when they cannot be known: then <paramref name="problem"/> says why, or is null when the
    /// scope has already been marked unresolved (a target annotation without a valid target).
    /// </summary>
    public static List<string>? Resolve(IstioGateway gateway, KubernetesObjectSet objects, MappingSettings settings, MappingScope scope, out string? problem)
    {
        problem = null;
        var reader = settings.Annotations;
        var annotated = CommonAnnotations.ReadTargets(reader, gateway.Annotations, scope, out var usable);
        if (!usable)
        {
            return null;
        }

        if (annotated is not null)
        {
            return annotated;
        }

        var ns = settings.Options.Namespace;
        if (reader.TryGet(gateway.Annotations, AnnotationReader.Ingress, out var ingressRef, out var ingressKey) && ingressRef.Length > 0)
        {
            var parts = ingressRef.Split('/');
            if (parts.Length > 2)
            {
                problem = $"annotation {ingressKey} value \"{ingressRef}\" of Istio Gateway {gateway.Namespace}/{gateway.Name} is not a name or namespace/name";
                return null;
            }

            var ingressNamespace = parts.Length == 2 && parts[0].Length > 0 ? parts[0] : gateway.Namespace;
            var ingressName = parts[^1];
            var ingress = objects.Ingresses.LastOrDefault(i => i.Namespace == ingressNamespace && i.Name == ingressName && (ns.Length == 0 || i.Namespace == ns));
            if (ingress is null)
            {
                problem = $"Ingress {ingressNamespace}/{ingressName} named by annotation {ingressKey} of Istio Gateway {gateway.Namespace}/{gateway.Name} does not exist";
                return null;
            }

            var raw = (ingress.Status.LoadBalancer.Ingress ?? []).Select(lb => string.IsNullOrEmpty(lb.Ip) ? lb.Hostname : lb.Ip);
            return scope.ValidTargets(raw, $"status.loadBalancer.ingress entry of Ingress {ingressNamespace}/{ingressName}");
        }

        var selector = LabelSelector.FromSet(gateway.Spec.Selector);
        var targets = new List<string?>();
        foreach (var svc in objects.Services.Where(s => ns.Length == 0 || s.Namespace == ns).OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
        {
            if (!selector.Matches(svc.Spec.Selector ?? []))
            {
                continue;
            }

            if (svc.Spec.ExternalIPs is { Count: > 0 } external)
            {
                targets.AddRange(external);
                continue;
            }

            targets.AddRange((svc.Status.LoadBalancer.Ingress ?? []).Select(lb => string.IsNullOrEmpty(lb.Ip) ? lb.Hostname : lb.Ip));
        }

        return scope.ValidTargets(targets, "address of a Service selected by the Istio Gateway");
    }
}
