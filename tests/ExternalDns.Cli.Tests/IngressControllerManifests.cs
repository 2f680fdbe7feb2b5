namespace ExternalDns.Cli.Tests;

/// <summary>Manifests of the ingress controllers' custom resources used by the end-to-end tests.</summary>
internal static class IngressControllerManifests
{
    public static string Gateway(string name, string address, string listenerHostname = "*.example.org") => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {name}
          namespace: infra
        spec:
          gatewayClassName: eg
          listeners:
          - name: http
            hostname: "{listenerHostname}"
            port: 80
            protocol: HTTP
            allowedRoutes:
              namespaces:
                from: All
        status:
          addresses:
          - type: IPAddress
            value: {address}
        """;

    public static string HttpRoute(string name, string hostname, string gateway, bool accepted) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: {name}
          namespace: apps
          annotations:
            external-dns.kubernetes.io/ttl: "90"
        spec:
          hostnames: [{hostname}]
          parentRefs:
          - name: {gateway}
            namespace: infra
        status:
          parents:
          - parentRef:
              name: {gateway}
              namespace: infra
            controllerName: example.com/gateway
            conditions:
            - type: Accepted
              status: "{(accepted ? "True" : "False")}"
        """;
}
