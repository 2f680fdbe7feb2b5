using ExternalDns.Composition;
using ExternalDns.Core.Configuration;

namespace ExternalDns.Cli;

/// <summary>
/// Every flag ExternalDns accepts: upstream ExternalDNS v0.22's names, defaults and help, grouped as in upstream's
/// reference (general, loop, policy and filters, sources, registry, then one group per provider), plus a few of our own
/// (marked "ExternalDns:"). The README's flag reference is generated from this list.
/// </summary>
public static class FlagCatalog
{
    public const string General = "General";
    public const string Loop = "Loop";
    public const string PolicyAndFilters = "Policy and filters";
    public const string Sources = "Sources";
    public const string Registry = "Registry";
    public const string LeaderElection = "Leader election";

    /// <summary>The providers this build implements (every name and alias of every module).</summary>
    public static IReadOnlyList<string> Providers => ProviderModules.Names;

    /// <summary>Upstream's provider names (those this build lacks get a clear "not available" error, not "unknown").</summary>
    public static readonly IReadOnlyList<string> UpstreamProviders =
    [
        "alibabacloud", "aws", "aws-sd", "azure", "azure-dns", "azure-private-dns", "civo", "cloudflare", "coredns", "dnsimple",
        "exoscale", "godaddy", "google", "inmemory", "linode", "ns1", "oci", "ovh", "pdns", "pihole", "rfc2136", "scaleway", "skydns",
        "webhook",
    ];

    /// <summary>The sources this build implements.</summary>
    public static readonly IReadOnlyList<string> SourceNames =
    [
        "contour-httpproxy", "crd", "gateway-grpcroute", "gateway-httproute", "gateway-tcproute", "gateway-tlsroute", "gateway-udproute",
        "ingress", "istio-gateway", "istio-virtualservice", "manifest", "node", "pod", "service", "traefik-proxy",
    ];

    /// <summary>Upstream's source names that this build does not implement yet.</summary>
    public static readonly IReadOnlyList<string> PlannedSources =
    [
        "ambassador-host", "connector", "crd", "empty", "f5-transportserver", "f5-virtualserver", "fake", "gloo-proxy",
        "kong-tcpingress", "openshift-route", "skipper-routegroup", "unstructured",
    ];

    /// <summary>The flag groups in the order of <c>--help</c>: the core groups, then one per provider module.</summary>
    public static IReadOnlyList<string> Groups { get; } =
        [General, Loop, PolicyAndFilters, Sources, Registry, LeaderElection, .. ProviderModules.All.Select(m => m.FlagGroup).Distinct()];

    /// <summary>Every flag: the core flags, then each provider module's.</summary>
    public static IReadOnlyList<FlagDefinition> All { get; } = [.. CoreFlags, .. ProviderModules.All.SelectMany(m => m.Flags)];

    /// <summary>Why the DynamoDB registry's flags are accepted but not honoured.</summary>
    public const string DynamoDbNotBuilt = "the dynamodb registry is not built into ExternalDns (--registry=dynamodb stops at start; use --registry=txt)";

    /// <summary>Why the AWS Cloud Map flags are accepted but not honoured.</summary>
    public const string AwsSdNotBuilt = "the aws-sd (AWS Cloud Map) provider and registry are not built into ExternalDns";

    private static IReadOnlyList<FlagDefinition> CoreFlags =>
    [
        // General
        new("provider", General, FlagKind.String, "The DNS provider where the DNS records will be created (required, options: " + string.Join(", ", Providers) + ")"),
        new("source", General, FlagKind.List, "The resource types that are queried for endpoints; specify multiple times for multiple sources (required, options: " + string.Join(", ", SourceNames) + ")"),
        new("server", General, FlagKind.String, "The Kubernetes API server to connect to (default: auto-detect)") { Default = "" },
        new("kubeconfig", General, FlagKind.String, "Retrieve target cluster configuration from a Kubernetes configuration file (default: auto-detect)") { Default = "" },
        new("kube-api-request-timeout", General, FlagKind.Duration, "Request timeout when calling Kubernetes APIs. 0s means no timeout") { Default = "30s" },
        new("request-timeout", General, FlagKind.Duration, "[DEPRECATED: use --kube-api-request-timeout] Request timeout when calling Kubernetes APIs. 0s means no timeout") { AliasOf = "kube-api-request-timeout" },
        new("kube-api-qps", General, FlagKind.Int, "Maximum QPS to the Kubernetes API server from this client.") { Default = "5" },
        new("kube-api-burst", General, FlagKind.Int, "Maximum burst for throttle to the Kubernetes API server from this client.") { Default = "10" },
        new("kube-api-list-page-size", General, FlagKind.Int, "ExternalDns: objects per page (the limit parameter) when the watch caches list Services, Ingresses and the other watched kinds; 0 lists each kind in one request. Pages are decoded as they stream in, so a larger page costs little memory and saves requests under --kube-api-qps") { Default = "2000" },
        new("provider-cache-time", General, FlagKind.Duration, "The time to cache the DNS provider record list requests.") { Default = "0s" },
        new("dry-run", General, FlagKind.Bool, "When enabled, prints DNS record changes rather than actually performing them (default: disabled)") { Default = "false" },
        new("plan-format", General, FlagKind.Enum, "ExternalDns: how the plan is printed with --dry-run or --once: a readable table, or JSON (schema in docs/plan-format.md)") { Default = "table", Allowed = ["table", "json"] },
        new("log-format", General, FlagKind.Enum, "The format in which log messages are printed (default: text, options: text, json)") { Default = "text", Allowed = ["text", "json"] },
        new("log-level", General, FlagKind.Enum, "Set the level of logging. (default: info, options: panic, debug, info, warning, error, fatal)") { Default = "info", Allowed = ["panic", "fatal", "error", "warning", "warn", "info", "debug", "trace"] },
        new("kubernetes-events", General, FlagKind.Bool, "ExternalDns: write Kubernetes Events on the source objects (Services, Ingresses, routes, DNSEndpoints, Nodes, Pods, …) whose records were created, updated, deleted or rejected; --events-emit chooses which (default: true)") { Default = "true" },
        new("metrics-address", General, FlagKind.String, "Specify where to serve the metrics and health check endpoint (default: :7979)") { Default = ":7979" },
        new("tls-ca", General, FlagKind.String, "When using TLS communication, the path to the certificate authority to verify server communications (optionally specify --tls-client-cert for two-way TLS)") { Default = "" },
        new("tls-client-cert", General, FlagKind.String, "When using TLS communication, the path to the certificate to present as a client (not required for TLS)") { Default = "" },
        new("tls-client-cert-key", General, FlagKind.String, "When using TLS communication, the path to the certificate key to use with the client certificate (not required for TLS)") { Default = "" },
        new("webhook-server", General, FlagKind.Bool, "When enabled, runs as a webhook server instead of a controller. (default: false).") { Default = "false" },
        new("webhook-server-address", General, FlagKind.String, "ExternalDns: with --webhook-server, where the webhook API listens (host:port; port 0 picks a free one). Upstream always uses 127.0.0.1:8888") { Default = "127.0.0.1:8888" },
        new("events-emit", General, FlagKind.EnumList, "Events that should be emitted. Specify multiple times for multiple events support (optional, default: none, expected: RecordReady, RecordDeleted, RecordError). ExternalDns: also RecordRejected; without this flag --kubernetes-events writes all but RecordError") { Allowed = ["RecordReady", "RecordDeleted", "RecordError", "RecordRejected"] },

        // Loop
        new("interval", Loop, FlagKind.Duration, "The interval between two consecutive synchronizations in duration format (default: 1m)") { Default = "1m0s" },
        new("min-event-sync-interval", Loop, FlagKind.Duration, "The minimum interval between two consecutive synchronizations triggered from kubernetes events in duration format (default: 5s)") { Default = "5s" },
        new("once", Loop, FlagKind.Bool, "When enabled, exits the synchronization loop after the first iteration (default: disabled)") { Default = "false" },
        new("events", Loop, FlagKind.Bool, "When enabled, in addition to running every interval, the reconciliation loop will get triggered when supported sources change (default: disabled)") { Default = "false" },
        new("min-ttl", Loop, FlagKind.Duration, "Configure global TTL for records in duration format. This value is used when the TTL for a source is not set or set to 0. (optional; examples: 1m12s, 72s, 72)") { Default = "0s" },

        // Policy and filters
        new("policy", PolicyAndFilters, FlagKind.Enum, "Modify how DNS records are synchronized between sources and providers (required, no default; options: sync, upsert-only, create-only)") { Allowed = ["sync", "upsert-only", "create-only"] },
        new("domain-filter", PolicyAndFilters, FlagKind.List, "Limit possible target zones by a domain suffix; specify multiple times for multiple domains (optional)"),
        new("exclude-domains", PolicyAndFilters, FlagKind.List, "Exclude subdomains (optional)"),
        new("regex-domain-filter", PolicyAndFilters, FlagKind.String, "Limit possible domains and target zones by a Regex filter; Overrides domain-filter (optional)") { Default = "" },
        new("regex-domain-exclusion", PolicyAndFilters, FlagKind.String, "Regex filter that excludes domains and target zones matched by regex-domain-filter (optional)") { Default = "" },
        new("managed-record-types", PolicyAndFilters, FlagKind.EnumList, "Record types to manage; specify multiple times to include many; (default: A,AAAA,CNAME) (supported records: A, AAAA, CNAME, DNAME, NS, SRV, TXT)") { Default = "A,AAAA,CNAME", Allowed = ["A", "AAAA", "CNAME", "DNAME", "NS", "SRV", "TXT", "MX", "NAPTR", "PTR"] },
        new("exclude-record-types", PolicyAndFilters, FlagKind.EnumList, "Record types to exclude from management; specify multiple times to exclude many; (optional)") { Allowed = ["A", "AAAA", "CNAME", "DNAME", "NS", "SRV", "TXT", "MX", "NAPTR", "PTR"] },
        new("zone-id-filter", PolicyAndFilters, FlagKind.List, "Filter target zones by hosted zone id; specify multiple times for multiple zones (optional)"),
        new("zone-name-filter", PolicyAndFilters, FlagKind.List, "Filter target zones by zone domain (For now, only AzureDNS provider is using this flag); specify multiple times for multiple zones (optional)"),
        new("create-ptr", PolicyAndFilters, FlagKind.Bool, "When enabled, automatically create PTR records for A/AAAA records. Per-resource annotations can override this default. The provider must have authority over the reverse DNS zones (e.g. in-addr.arpa). Include reverse zones in --domain-filter.") { Default = "false" },
        new("target-net-filter", PolicyAndFilters, FlagKind.List, "Limit possible targets by a net filter; specify multiple times for multiple possible nets (optional)"),
        new("exclude-target-net", PolicyAndFilters, FlagKind.List, "Exclude target nets (optional)"),
        new("nat64-networks", PolicyAndFilters, FlagKind.List, "Adding an A record for each AAAA record in NAT64-enabled networks; specify multiple times for multiple possible nets (optional)"),
        new("prefer-alias", PolicyAndFilters, FlagKind.Bool, "When enabled, CNAME records will have the alias annotation set, signaling providers that support ALIAS records to use them instead of CNAMEs. Supported by: PowerDNS, AWS (with --aws-prefer-cname disabled)") { Default = "false" },
        new("batch-change-size", PolicyAndFilters, FlagKind.Int, "Set the maximum number of DNS record changes that will be submitted to the provider in each batch (optional)") { Default = "200" },
        new("batch-change-interval", PolicyAndFilters, FlagKind.Duration, "Set the interval between batch changes (optional, default: 1s)") { Default = "1s" },

        // Sources
        new("manifest-path", Sources, FlagKind.List, "ExternalDns: with --source=manifest, a Kubernetes YAML file or a directory of them (read recursively); specify multiple times for several"),
        new("manifest-publish-nodes", Sources, FlagKind.Bool, "ExternalDns: with --source=manifest, publish the Node objects of the manifests as the node source does; without it they only supply addresses to NodePort and headless services. --source=node always watches the cluster's Nodes (default: false)") { Default = "false" },
        new("namespace", Sources, FlagKind.String, "Limit resources queried for endpoints to a specific namespace (default: all namespaces)") { Default = "" },
        new("label-filter", Sources, FlagKind.String, "Filter resources queried for endpoints by label selector (default: all resources)") { Default = "" },
        new("annotation-filter", Sources, FlagKind.String, "Filter resources queried for endpoints by annotation, using label selector semantics") { Default = "" },
        new("annotation-prefix", Sources, FlagKind.String, "Annotation prefix for external-dns annotations (default: external-dns.kubernetes.io/)") { Default = "external-dns.kubernetes.io/" },
        new("ingress-class", Sources, FlagKind.List, "Require an Ingress to have this class name; specify multiple times to allow more than one class (optional; defaults to any class)"),
        new("ignore-ingress-tls-spec", Sources, FlagKind.Bool, "Ignore the spec.tls section in Ingress resources (default: false)") { Default = "false" },
        new("ignore-ingress-rules-spec", Sources, FlagKind.Bool, "Ignore the spec.rules section in Ingress resources (default: false)") { Default = "false" },
        new("fqdn-template", Sources, FlagKind.List, "A templated string that's used to generate DNS names from sources that don't define a hostname themselves (optional). Specify multiple times for multiple templates."),
        new("target-template", Sources, FlagKind.List, "A templated string used to generate DNS targets (IP or hostname) from sources that support it (optional). Specify multiple times for multiple targets. ExternalDns: read by the traefik-proxy source (upstream also by gloo, f5 and unstructured, not built here)"),
        new("fqdn-target-template", Sources, FlagKind.List, "A template that returns host:target pairs (e.g., '{{range .Object.endpoints}}{{.targetRef.name}}.svc.example.com:{{index .addresses 0}},{{end}}'). Specify multiple times for multiple pairs.") { NotSupported = "host:target templates are not implemented in ExternalDns yet: host names come from --fqdn-template and the hostname annotation" },
        new("combine-fqdn-annotation", Sources, FlagKind.Bool, "Combine FQDN template and Annotations instead of overwriting (default: false)") { Default = "false" },
        new("ignore-hostname-annotation", Sources, FlagKind.Bool, "Ignore hostname annotation when generating DNS names, valid only when --fqdn-template is set (default: false)") { Default = "false" },
        new("resolve-service-load-balancer-hostname", Sources, FlagKind.Bool, "Resolve the hostname of LoadBalancer-type Service object to IP addresses in order to create DNS A/AAAA records instead of CNAMEs") { Default = "false" },
        new("load-balancer-hostname-resolver", Sources, FlagKind.String, "ExternalDns: with --resolve-service-load-balancer-hostname, the DNS server (address, host or host:port) that resolves load-balancer host names; empty for the system resolver. A name that cannot be resolved keeps its records as they are (upstream deletes them)") { Default = "" },
        new("listen-endpoint-events", Sources, FlagKind.Bool, "Trigger a reconcile on changes to EndpointSlices, for Service source (default: false). ExternalDns: with --events this is always done for the EndpointSlices the service source reads (headless Services); the flag is accepted and changes nothing") { Default = "false" },
        new("compatibility", Sources, FlagKind.Enum, "Process annotation semantics from legacy implementations (optional, options: mate, molecule, kops-dns-controller). ExternalDns: for the service source; the pod source's kops-dns-controller annotations are not read") { Default = "", Allowed = ["", "mate", "molecule", "kops-dns-controller"] },
        new("publish-internal-services", Sources, FlagKind.Bool, "Allow external-dns to publish DNS records for ClusterIP services (optional)") { Default = "false" },
        new("publish-host-ip", Sources, FlagKind.Bool, "Allow external-dns to publish host-ip for headless services (optional)") { Default = "false" },
        new("always-publish-not-ready-addresses", Sources, FlagKind.Bool, "Always publish also not ready addresses for headless services (optional)") { Default = "false" },
        new("service-type-filter", Sources, FlagKind.EnumList, "The service types to filter by. Specify multiple times for multiple filters to be applied. (optional, default: all, expected: ClusterIP, NodePort, LoadBalancer or ExternalName)") { Allowed = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"] },
        new("exclude-unschedulable", Sources, FlagKind.Bool, "Exclude nodes that are considered unschedulable (default: true)") { Default = "true" },
        new("expose-internal-ipv6", Sources, FlagKind.Bool, "When using the node source, expose internal IPv6 addresses (optional, default: false)") { Default = "false" },
        new("crd-source-apiversion", Sources, FlagKind.String, "API version of the CRD for crd source, e.g. `externaldns.k8s.io/v1alpha1`, valid only when using crd source") { Default = "externaldns.k8s.io/v1alpha1" },
        new("crd-source-kind", Sources, FlagKind.String, "Kind of the CRD for the crd source in API group and version specified by crd-source-apiversion") { Default = "DNSEndpoint" },
        new("default-targets", Sources, FlagKind.List, "Set globally default host/IP that will apply as a target instead of source addresses. Only applies to the crd source (DNSEndpoint resources with empty targets). Specify multiple times for multiple targets (optional)"),
        new("force-default-targets", Sources, FlagKind.Bool, "Force the application of --default-targets, overriding any targets provided by the source (DEPRECATED: This reverts to (improved) legacy behavior which allows empty CRD targets for migration to new state)") { Default = "false" },
        new("manifest-publish-pods", Sources, FlagKind.Bool, "ExternalDns: with --source=manifest, publish the Pod objects of the manifests as the pod source does (--pod-source-domain, --ignore-non-host-network-pods); without it they only supply addresses to headless services. --source=pod always watches the cluster's Pods (default: false)") { Default = "false" },
        new("gateway-label-filter", Sources, FlagKind.String, "Filter Gateways of Route endpoints via label selector (default: all gateways)") { Default = "" },
        new("gateway-name", Sources, FlagKind.String, "Limit Gateways of Route endpoints to a specific name (default: all names)") { Default = "" },
        new("gateway-namespace", Sources, FlagKind.String, "Limit Gateways of Route endpoints to a specific namespace (default: all namespaces)") { Default = "" },
        new("gateway-listener-sets", Sources, FlagKind.Bool, "Enable ListenerSet support for Gateway API sources (requires Gateway API v1.5+ CRDs) (default: false)") { Default = "false" },
        new("ignore-non-host-network-pods", Sources, FlagKind.Bool, "Ignore pods not running on host network when using pod source (default: false)") { Default = "false" },
        new("pod-source-domain", Sources, FlagKind.String, "Domain to use for pods records (optional)") { Default = "" },
        new("traefik-enable-legacy", Sources, FlagKind.Bool, "Enable legacy listeners on Resources under the traefik.containo.us API Group") { Default = "false" },
        new("traefik-disable-new", Sources, FlagKind.Bool, "Disable listeners on Resources under the traefik.io API Group") { Default = "false" },

        // Registry
        new("registry", Registry, FlagKind.Enum, "The registry implementation to use to keep track of DNS record ownership (default: txt, options: aws-sd, crd, dynamodb, noop, txt)") { Default = "txt", Allowed = ["aws-sd", "crd", "dynamodb", "noop", "txt"] },
        new("crd-registry-namespace", Registry, FlagKind.String, "When using the CRD registry, the namespace the DNSRecord objects are stored in (default: the namespace ExternalDNS runs in)") { Default = "" },
        new("txt-owner-id", Registry, FlagKind.String, "When using the TXT, DynamoDB or CRD registry, a name that identifies this instance of ExternalDNS (default: default)") { Default = "default" },
        new("txt-prefix", Registry, FlagKind.String, "When using the TXT registry, a custom string that's prefixed to each ownership DNS record (optional). Could contain record type template like '%{record_type}-prefix-'. Mutual exclusive with txt-suffix!") { Default = "" },
        new("txt-suffix", Registry, FlagKind.String, "When using the TXT registry, a custom string that's suffixed to the host portion of each ownership DNS record (optional). Could contain record type template like '-%{record_type}-suffix'. Mutual exclusive with txt-prefix!") { Default = "" },
        new("txt-wildcard-replacement", Registry, FlagKind.String, "When using the TXT registry, a custom string that's used instead of an asterisk for TXT records corresponding to wildcard DNS records (optional)") { Default = "" },
        new("txt-encrypt-enabled", Registry, FlagKind.Bool, "When using the TXT registry, set if TXT records should be encrypted before stored (default: disabled)") { Default = "false" },
        new("txt-encrypt-aes-key", Registry, FlagKind.String, "When using the TXT registry, set TXT record decryption and encryption 32 byte aes key (required when --txt-encrypt=true)") { Default = "", Secret = true },
        new("txt-cache-interval", Registry, FlagKind.Duration, "The interval between cache synchronizations in duration format (default: disabled)") { Default = "0s" },
        new("migrate-from-txt-owner", Registry, FlagKind.String, "Old txt-owner-id that needs to be overwritten (default: default)") { Default = "" },
        new("dynamodb-region", Registry, FlagKind.String, "When using the DynamoDB registry, the AWS region of the DynamoDB table (optional)") { Default = "", NotSupported = DynamoDbNotBuilt },
        new("dynamodb-table", Registry, FlagKind.String, "When using the DynamoDB registry, the name of the DynamoDB table (default: \"external-dns\")") { Default = "external-dns", NotSupported = DynamoDbNotBuilt },
        new("aws-sd-service-cleanup", Registry, FlagKind.Bool, "When using the AWS CloudMap provider, delete empty Services without endpoints (default: disabled)") { Default = "false", NotSupported = AwsSdNotBuilt },
        new("aws-sd-create-tag", Registry, FlagKind.List, "When using the AWS CloudMap provider, add tag to created services. The flag can be used multiple times") { NotSupported = AwsSdNotBuilt },

        // Leader election
        new("leader-elect", LeaderElection, FlagKind.Bool, "ExternalDns: run several replicas; only the holder of a coordination.k8s.io/v1 Lease writes to DNS (default: false)") { Default = "false" },
        new("leader-election-namespace", LeaderElection, FlagKind.String, "ExternalDns: namespace of the leader election Lease (default: the pod's namespace, else default)") { Default = "" },
        new("leader-election-lease-name", LeaderElection, FlagKind.String, "ExternalDns: name of the leader election Lease") { Default = "external-dns" },
        new("leader-election-lease-duration", LeaderElection, FlagKind.Duration, "ExternalDns: how long a standby waits after the last renewal before it takes the lease over") { Default = "15s" },
        new("leader-election-renew-deadline", LeaderElection, FlagKind.Duration, "ExternalDns: a leader that could not renew for this long stops writing (less than the lease duration)") { Default = "10s" },
        new("leader-election-retry-period", LeaderElection, FlagKind.Duration, "ExternalDns: how often the leader renews and a standby retries") { Default = "2s" },

        // Internal
        new("help", General, FlagKind.Bool, "Show help.") { Default = "false" },
        new("version", General, FlagKind.Bool, "Show application version.") { Default = "false" },
        new("generate-flag-reference", General, FlagKind.Bool, "ExternalDns: print the flag reference as Markdown (used to keep README current).") { Default = "false", Hidden = true },
        new("generate-rbac", General, FlagKind.Bool, "ExternalDns: print the least-privilege ClusterRole/Role for the given --source and other flags (deploy/base/rbac.yaml is generated with it).") { Default = "false", Hidden = true },
    ];

    private static readonly Dictionary<string, FlagDefinition> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static FlagDefinition? Find(string name) => ByName.GetValueOrDefault(name);
}
