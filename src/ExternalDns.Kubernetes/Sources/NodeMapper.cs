using ExternalDns.Core.Endpoints;
using ExternalDns.Kubernetes.Models;

namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Maps one Node to endpoints as upstream's <c>source/node.go</c> (<c>--source=node</c>):
/// <list type="bullet">
/// <item>Names: the node's name when no <c>--fqdn-template</c> is set, or with <c>--combine-fqdn-annotation</c>; plus the
/// template's names when one is set. The <c>hostname</c> annotation is not read (as upstream).</item>
/// <item>Targets: the <c>target</c> annotation, else the node's ExternalIP addresses, else its InternalIP addresses.
/// With <c>--expose-internal-ipv6</c>, InternalIP IPv6 addresses are added to ExternalIP ones (InternalIP addresses,
/// IPv6 included, are always used when there is no ExternalIP).</item>
/// <item>The <c>ttl</c> annotation; the <c>resource</c> label <c>node/&lt;name&gt;</c>. Set identifiers and
/// provider-specific annotations are not read (as upstream).</item>
/// </list>
/// A node with neither ExternalIP nor InternalIP address (a node still joining) is unresolved with a warning: its
/// records are kept. Upstream fails the whole source, so no node's records are synced until it has an address.
/// </summary>
public sealed class NodeMapper(MappingSettings settings)
{
    public const string ExternalIP = "ExternalIP";
    public const string InternalIP = "InternalIP";

    private readonly MappingSettings _settings = settings ?? throw new ArgumentNullException(nameof(settings));

    private AnnotationReader Reader => _settings.Annotations;

    /// <summary>
    /// Label and annotation filters (nodes are cluster-scoped: <c>--namespace</c> does not apply), the controller
    /// annotation, and <c>--exclude-unschedulable</c>.
    /// </summary>
    public bool Selects(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _settings.Selects(node, namespaced: false)
            && !Reader.IsControllerMismatch(node.Annotations)
            && !(node.Spec.Unschedulable && _settings.Options.ExcludeUnschedulable);
    }

    public ObjectMapping Map(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var scope = new MappingScope(new ResourceRef("Node", string.Empty, node.Name));
        var ttl = CommonAnnotations.ReadTtl(Reader, node.Annotations, scope);
        var annotated = CommonAnnotations.ReadTargets(Reader, node.Annotations, scope, out var usable);
        if (!usable)
        {
            return scope.Result([]);
        }

        var options = _settings.Options;
        var template = _settings.Template;
        var names = new List<string>();
        if (template is null || options.CombineFqdnAnnotation)
        {
            names.AddRange(scope.ValidHostnames([node.Name], "node name"));
        }

        if (template is not null && ServiceMapper.TemplateNames(template, node, "Node", "v1", scope) is { } templateNames)
        {
            names.AddRange(templateNames);
        }

        if (names.Count == 0)
        {
            return scope.Result([]);
        }

        var targets = annotated ?? AddressTargets(node, options.ExposeInternalIpv6, scope);
        if (targets.Count == 0)
        {
            return scope.Result([]);
        }

        var endpoints = new List<Endpoint>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            endpoints.AddRange(CommonAnnotations.EndpointsForHostname(name, targets, ttl, [], string.Empty, scope.Resource));
        }

        return scope.Result(endpoints);
    }

    /// <summary>
    /// Upstream's <c>nodeAddresses</c> (Kubernetes' preferred node address): ExternalIP addresses (plus InternalIP IPv6
    /// ones with <paramref name="exposeInternalIpv6"/>), else InternalIP addresses. Marks the node unresolved when it
    /// has none that is valid.
    /// </summary>
    private static List<string> AddressTargets(Node node, bool exposeInternalIpv6, MappingScope scope)
    {
        var addresses = node.Status.Addresses ?? [];
        var external = addresses.Where(a => a.Type == ExternalIP && !string.IsNullOrEmpty(a.Address)).Select(a => a.Address).ToList();
        var @internal = addresses.Where(a => a.Type == InternalIP && !string.IsNullOrEmpty(a.Address)).Select(a => a.Address).ToList();
        List<string?> chosen;
        if (external.Count > 0)
        {
            chosen = exposeInternalIpv6 ? [.. external, .. @internal.Where(a => RecordTypes.ForTarget(a!) == RecordTypes.AAAA)] : external;
        }
        else if (@internal.Count > 0)
        {
            chosen = @internal;
        }
        else
        {
            scope.Unresolved("node has no ExternalIP or InternalIP address in status.addresses, so no records can be computed for it");
            return [];
        }

        var targets = scope.ValidTargets(chosen, "status.addresses entry");
        if (targets.Count == 0)
        {
            scope.Unresolved("node has no valid ExternalIP or InternalIP address in status.addresses");
        }

        return targets;
    }
}
