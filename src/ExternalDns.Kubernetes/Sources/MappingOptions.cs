namespace ExternalDns.Kubernetes.Sources;

/// <summary>
/// Flags shared by the Kubernetes sources (service, ingress, crd, node, gateway-*, traefik-proxy, istio-*,
/// contour-httpproxy, pod) and the manifest source. Each property names the
/// upstream flag it comes from. Call <see cref="MappingSettings.Create"/> once to validate and compile them.
/// </summary>
public sealed class MappingOptions
{
    /// <summary><c>--annotation-prefix</c>: must end in '/'. Default <c>external-dns.kubernetes.io/</c>.</summary>
    public string AnnotationPrefix { get; set; } = AnnotationReader.DefaultPrefix;

    /// <summary>
    /// No upstream flag. When true (the default) and <see cref="AnnotationPrefix"/> is the default, annotations under
    /// the pre-v0.22 prefix <c>external-dns.alpha.kubernetes.io/</c> are read as well; the new prefix wins when both
    /// name the same annotation. Upstream v0.22 reads only the configured prefix.
    /// </summary>
    public bool ReadLegacyAnnotationPrefix { get; set; } = true;

    /// <summary><c>--namespace</c>: only objects in this namespace; empty means all.</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary><c>--label-filter</c>: a label selector on the object's labels.</summary>
    public string LabelFilter { get; set; } = string.Empty;

    /// <summary><c>--annotation-filter</c>: a label selector evaluated on the object's annotations.</summary>
    public string AnnotationFilter { get; set; } = string.Empty;

    /// <summary><c>--ingress-class</c> (repeatable): matches <c>spec.ingressClassName</c>, else the <c>kubernetes.io/ingress.class</c> annotation.</summary>
    public IList<string> IngressClassNames { get; set; } = [];

    /// <summary><c>--ignore-ingress-tls-spec</c>.</summary>
    public bool IgnoreIngressTlsSpec { get; set; }

    /// <summary><c>--ignore-ingress-rules-spec</c>.</summary>
    public bool IgnoreIngressRulesSpec { get; set; }

    /// <summary><c>--fqdn-template</c> (repeatable; each may hold comma-separated templates).</summary>
    public IList<string> FqdnTemplates { get; set; } = [];

    /// <summary><c>--target-template</c> (repeatable, joined with commas as upstream): the targets of <c>--fqdn-template</c>
    /// names for sources whose objects have no status to take targets from (traefik-proxy).</summary>
    public IList<string> TargetTemplates { get; set; } = [];

    /// <summary><c>--combine-fqdn-annotation</c>: union template names with the object's own.</summary>
    public bool CombineFqdnAnnotation { get; set; }

    /// <summary><c>--ignore-hostname-annotation</c>: requires <see cref="FqdnTemplates"/>.</summary>
    public bool IgnoreHostnameAnnotation { get; set; }

    /// <summary><c>--default-targets</c> (repeatable).</summary>
    public IList<string> DefaultTargets { get; set; } = [];

    /// <summary><c>--force-default-targets</c>: default targets replace targets the source provided.</summary>
    public bool ForceDefaultTargets { get; set; }

    /// <summary>
    /// <c>--resolve-service-load-balancer-hostname</c>: a LoadBalancer Service's load-balancer host names are marked for
    /// resolution to A/AAAA records (the <see cref="ExternalDns.Core.Sources.HostnameTargets"/> pipeline stage), not
    /// published as a CNAME.
    /// </summary>
    public bool ResolveServiceLoadBalancerHostname { get; set; }

    /// <summary>
    /// <c>--compatibility</c>: empty, or <c>mate</c>, <c>molecule</c> or <c>kops-dns-controller</c> — a Service that yields no
    /// endpoint from our annotations is read with that legacy controller's annotations (<see cref="LegacyServiceAnnotations"/>).
    /// </summary>
    public string Compatibility { get; set; } = string.Empty;

    /// <summary><c>--publish-internal-services</c>: ClusterIP services publish their cluster IP.</summary>
    public bool PublishInternalServices { get; set; }

    /// <summary><c>--publish-host-ip</c>: headless services publish the pod's host IP.</summary>
    public bool PublishHostIP { get; set; }

    /// <summary><c>--always-publish-not-ready-addresses</c>.</summary>
    public bool AlwaysPublishNotReadyAddresses { get; set; }

    /// <summary><c>--service-type-filter</c> (repeatable): ClusterIP, NodePort, LoadBalancer, ExternalName; empty means all.</summary>
    public IList<string> ServiceTypeFilter { get; set; } = [];

    /// <summary><c>--exclude-unschedulable</c> (default true): NodePort services and the node source skip unschedulable nodes.</summary>
    public bool ExcludeUnschedulable { get; set; } = true;

    /// <summary>
    /// <c>--expose-internal-ipv6</c>: when a node has ExternalIP addresses, its InternalIP IPv6 addresses are published
    /// with them (node source, NodePort services, <c>endpoints-type=NodeExternalIP</c>).
    /// </summary>
    public bool ExposeInternalIpv6 { get; set; }

    /// <summary>
    /// No upstream flag: true when Node objects are published themselves (<c>--source=node</c> for the live source,
    /// <c>--manifest-publish-nodes</c> for the manifest source). Nodes are also read to resolve NodePort and headless
    /// services; that alone must not publish records for them, so this is false by default.
    /// </summary>
    public bool PublishNodes { get; set; }

    /// <summary>
    /// No upstream flag: the sources (<c>--source</c> names) whose objects are published. Null (the default, as the
    /// manifest source uses it) publishes every kind in the object set, except Nodes and Pods, which need
    /// <see cref="PublishNodes"/> and <see cref="PublishPods"/>. The live source sets it from <c>--source</c>, because
    /// it also caches objects only to resolve others (Services and Ingresses for Istio Gateways).
    /// </summary>
    public IList<string>? Sources { get; set; }

    /// <summary>
    /// No upstream flag: true when Pods are published as upstream's pod source does (<c>--source=pod</c> for the live
    /// source, <c>--manifest-publish-pods</c> for the manifest source). Pods are also read for headless services.
    /// </summary>
    public bool PublishPods { get; set; }

    /// <summary><c>--gateway-name</c>: only routes attached to Gateways of this name (a ListenerSet's parent Gateway counts).</summary>
    public string GatewayName { get; set; } = string.Empty;

    /// <summary><c>--gateway-namespace</c>: only Gateways in this namespace.</summary>
    public string GatewayNamespace { get; set; } = string.Empty;

    /// <summary><c>--gateway-label-filter</c>: a label selector on Gateways.</summary>
    public string GatewayLabelFilter { get; set; } = string.Empty;

    /// <summary><c>--gateway-listener-sets</c>: routes may attach to ListenerSets (Gateway API v1.5).</summary>
    public bool GatewayListenerSets { get; set; }

    /// <summary><c>--traefik-enable-legacy</c>: also read the <c>traefik.containo.us</c> API group.</summary>
    public bool TraefikEnableLegacy { get; set; }

    /// <summary><c>--traefik-disable-new</c>: do not read the <c>traefik.io</c> API group.</summary>
    public bool TraefikDisableNew { get; set; }

    /// <summary><c>--pod-source-domain</c>: every pod gets <c>&lt;pod name&gt;.&lt;domain&gt;</c>.</summary>
    public string PodSourceDomain { get; set; } = string.Empty;

    /// <summary><c>--ignore-non-host-network-pods</c>: the pod source skips pods without <c>spec.hostNetwork</c>.</summary>
    public bool IgnoreNonHostNetworkPods { get; set; }
}
