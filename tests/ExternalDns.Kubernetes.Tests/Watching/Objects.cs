using System.Text.Json.Nodes;

namespace ExternalDns.Kubernetes.Tests.Watching;

/// <summary>Objects for the API emulator (as JSON, status included).</summary>
internal static class Objects
{
    public static string Service(string name, string hostname, string ip) => Parse($$$"""
        {"apiVersion": "v1", "kind": "Service",
         "metadata": {"name": "{{{name}}}", "namespace": "default", "annotations": {"external-dns.kubernetes.io/hostname": "{{{hostname}}}"}},
         "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]},
         "status": {"loadBalancer": {"ingress": [{"ip": "{{{ip}}}"} ] } } }
        """);

    public static string Gateway(string name, string address) => Parse($$$"""
        {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway",
         "metadata": {"name": "{{{name}}}", "namespace": "default"},
         "spec": {"gatewayClassName": "test", "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}]},
         "status": {"addresses": [{"type": "IPAddress", "value": "{{{address}}}"}]}}
        """);

    public static string HttpRoute(string name, string hostname, string gateway, bool accepted) => Parse($$$"""
        {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
         "metadata": {"name": "{{{name}}}", "namespace": "default"},
         "spec": {"hostnames": ["{{{hostname}}}"], "parentRefs": [{"name": "{{{gateway}}}"}]},
         "status": {"parents": [{"parentRef": {"name": "{{{gateway}}}"}, "controllerName": "example.com/gateway",
                                 "conditions": [{"type": "Accepted", "status": "{{{(accepted ? "True" : "False")}}}"}]}]}}
        """);

    private static string Parse(string json) => JsonNode.Parse(json)!.ToJsonString();
}
