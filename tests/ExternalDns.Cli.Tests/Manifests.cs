namespace ExternalDns.Cli.Tests;

/// <summary>Manifests used by the end-to-end tests.</summary>
internal static class Manifests
{
    public static string LoadBalancerService(string name, string hostname, string ip) => LoadBalancerService(name, hostname, [$"ip: {ip}"]);

    /// <summary>
    /// A LoadBalancer Service with the hostname annotation (and <paramref name="annotations"/>) whose status lists
    /// <paramref name="ingress"/> entries such as <c>ip: 203.0.113.1</c> or <c>hostname: lb.example.net</c>.
    /// </summary>
    public static string LoadBalancerService(string name, string hostname, IEnumerable<string> ingress, params (string Key, string Value)[] annotations)
    {
        var extra = string.Concat(annotations.Select(a => $"\n    {a.Key}: \"{a.Value}\""));
        var entries = string.Concat(ingress.Select(e => $"\n      - {e}"));
        return $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: default
              annotations:
                external-dns.kubernetes.io/hostname: {hostname}{extra}
            spec:
              type: LoadBalancer
              ports:
              - port: 80
            status:
              loadBalancer:
                ingress:{entries}
            """;
    }

    public static string Ingress(string name, string host, string lbHostname) => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {name}
          namespace: web
        spec:
          rules:
          - host: {host}
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: {name}
                    port:
                      number: 80
        status:
          loadBalancer:
            ingress:
            - hostname: {lbHostname}
        """;

    public static string DualStackService(string name, string hostname, string ipv4, string ipv6) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: default
          annotations:
            external-dns.kubernetes.io/hostname: {hostname}
            external-dns.kubernetes.io/ttl: "120"
        spec:
          type: LoadBalancer
        status:
          loadBalancer:
            ingress:
            - ip: {ipv4}
            - ip: {ipv6}
        """;

    public static string LoadBalancerServiceJson(string name, string hostname, string ip) => """
        {"apiVersion": "v1", "kind": "Service",
         "metadata": {"name": "__NAME__", "namespace": "default", "annotations": {"external-dns.kubernetes.io/hostname": "__HOSTNAME__"}},
         "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]},
         "status": {"loadBalancer": {"ingress": [{"ip": "__IP__"}]}}}
        """.Replace("__NAME__", name, StringComparison.Ordinal).Replace("__HOSTNAME__", hostname, StringComparison.Ordinal).Replace("__IP__", ip, StringComparison.Ordinal);

    public static string IngressJson(string name, string host, string lbHostname) => """
        {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
         "metadata": {"name": "__NAME__", "namespace": "default"},
         "spec": {"rules": [{"host": "__HOST__"}]},
         "status": {"loadBalancer": {"ingress": [{"hostname": "__LB__"}]}}}
        """.Replace("__NAME__", name, StringComparison.Ordinal).Replace("__HOST__", host, StringComparison.Ordinal).Replace("__LB__", lbHostname, StringComparison.Ordinal);
}
