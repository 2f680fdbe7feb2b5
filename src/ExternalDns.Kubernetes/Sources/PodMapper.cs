using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps Pods as upstream's <c>pod</c> source (<c>source/pod.go</c>):
/// <list type="bullet">
/// <item>With <c>--ignore-non-host-network-pods</c>, pods without <c>spec.hostNetwork</c> get no records from their
/// annotations (template names still apply, as upstream).</item>
/// <item><c>internal-hostname</c> names: the <c>target</c> annotation's targets, else the pod IP.</item>
/// <item><c>hostname</c> names: the <c>target</c> annotation's targets, else the addresses of the pod's node:
/// ExternalIP addresses and IPv6 InternalIP addresses (nothing when the node is unknown).</item>
/// <item>With <c>--pod-source-domain</c>: <c>&lt;pod name&gt;.&lt;domain&gt;</c> with the target annotation's targets,
/// else the pod IP.</item>
/// <item><c>--fqdn-template</c> names (when the pod has no records of its own, or with
/// <c>--combine-fqdn-annotation</c>): every IP of <c>status.podIPs</c>.</item>
/// <item>The <c>ttl</c> annotation. Set identifiers and provider-specific annotations are not read, and — exactly as
/// upstream writes them — pod records carry no <c>resource</c> label.</item>
/// </list>
/// Because pod records have no <c>resource</c> label, a pod whose target annotation has no valid target cannot keep
/// its records one by one: it makes the whole view incomplete (nothing is deleted) until it is fixed.
/// </summary>
public sealed class PodMapper(MappingSettings settings)
{
    public const string Source = "pod";

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    /// <summary>Pods are published (<see cref="MappingOptions.PublishPods"/>) and the pod passes the namespace, label, annotation and controller filters.</summary>
    public bool Selects(Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return _settings.Options.PublishPods && _settings.Selects(pod) && !Reader.IsControllerMismatch(pod.Annotations);
    }

    public ObjectMapping Map(Pod pod, KubernetesObjectSet objects)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(objects);
        var scope = new MappingScope(new ResourceRef("Pod", pod.Namespace, pod.Name));
        var ttl = CommonAnnotations.ReadTtl(Reader, pod.Annotations, scope);
        var options = _settings.Options;
        var records = new Dictionary<(string Name, string Type), List<string>>();
        var order = new List<(string Name, string Type)>();

        void Add(string name, string target)
        {
            var key = (name, RecordTypes.ForTarget(target));
            if (!records.TryGetValue(key, out var list))
            {
                records[key] = list = [];
                order.Add(key);
            }

            list.Add(target);
        }

        if (!options.IgnoreNonHostNetworkPods || pod.Spec.HostNetwork)
        {
            var targets = CommonAnnotations.ReadTargets(Reader, pod.Annotations, scope, out var usable);
            if (!usable)
            {
                return scope.Result([]);
            }

            var podIp = scope.ValidTargets([pod.Status.PodIP], "status.podIP");
            if (Reader.TryGet(pod.Annotations, AnnotationReader.InternalHostname, out var internalValue, out var internalKey))
            {
                foreach (var name in scope.ValidHostnames(AnnotationReader.SplitList(internalValue), $"annotation {internalKey} internal-hostname", internalKey))
                {
                    (targets ?? podIp).ForEach(t => Add(name, t));
                }
            }

            if (Reader.TryGet(pod.Annotations, AnnotationReader.Hostname, out var hostValue, out var hostKey))
            {
                var names = scope.ValidHostnames(AnnotationReader.SplitList(hostValue), $"annotation {hostKey} hostname", hostKey);
                var nodeAddresses = targets ?? NodeAddresses(pod, objects, scope);
                foreach (var name in names)
                {
                    nodeAddresses.ForEach(t => Add(name, t));
                }
            }

            if (options.PodSourceDomain.Length > 0)
            {
                foreach (var name in scope.ValidHostnames([pod.Name + "." + options.PodSourceDomain.TrimEnd('.')], "pod name with --pod-source-domain"))
                {
                    (targets ?? podIp).ForEach(t => Add(name, t));
                }
            }
        }

        if (_settings.Template is { } template && (options.CombineFqdnAnnotation || records.Count == 0)
            && ServiceMapper.TemplateNames(template, pod, "Pod", "v1", scope) is { } templateNames)
        {
            var ips = scope.ValidTargets((pod.Status.PodIPs ?? []).Select(a => a.Ip), "status.podIPs entry");
            foreach (var name in templateNames)
            {
                ips.ForEach(t => Add(name, t));
            }
        }

        return scope.Result([.. order.Select(k => new Endpoint(k.Name, k.Type, ttl, records[k]))]);
    }

    private static List<string> NodeAddresses(Pod pod, KubernetesObjectSet objects, MappingScope scope)
    {
        if (objects.FindNode(pod.Spec.NodeName) is not { } node)
        {
            return [];
        }

        var raw = (node.Status.Addresses ?? [])
            .Where(a => !string.IsNullOrEmpty(a.Address)
                && (a.Type == NodeMapper.ExternalIP || (a.Type == NodeMapper.InternalIP && RecordTypes.ForTarget(a.Address!) == RecordTypes.AAAA)))
            .Select(a => a.Address);
        return scope.ValidTargets(raw, $"status.addresses entry of node {node.Name}");
    }
}
