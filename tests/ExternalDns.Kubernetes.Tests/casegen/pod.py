"""Golden cases for the pod source, ported from upstream source/pod_test.go TestPodSource (run: python3 pod.py).
The two kops-dns-controller cases need --compatibility, which ExternalDns does not implement; they are not ported."""
from common import P, case, meta

SRC = "source/pod_test.go TestPodSource"


def node(name, *addresses):
    return {"apiVersion": "v1", "kind": "Node", "metadata": {"name": name},
            "status": {"addresses": [{"type": t, "address": a} for t, a in addresses]}}


def nodes_v4():
    return [node("my-node1", ("ExternalIP", "54.10.11.1"), ("InternalIP", "10.0.1.1")), node("my-node2", ("ExternalIP", "54.10.11.2"), ("InternalIP", "10.0.1.2"))]


def nodes_v6():
    return [node("my-node1", ("InternalIP", "2001:DB8::1")), node("my-node2", ("InternalIP", "2001:DB8::2"))]


def pod(name, node_name, ip, ns="kube-system", annotations=None, host_network=True, ips=None, labels=None):
    status = {"phase": "Running", "podIP": ip}
    if ips:
        status["podIPs"] = [{"ip": i} for i in ips]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta(ns, name, labels, annotations),
            "spec": {"hostNetwork": host_network, "nodeName": node_name, "containers": [{"name": "c", "image": "x"}]}, "status": status}


def A(name, *t, ttl=0):
    return (name, "A", list(t), ttl)


def AAAA(name, *t, ttl=0):
    return (name, "AAAA", list(t), ttl)


BOTH = {P + "internal-hostname": "internal.a.foo.example.org", P + "hostname": "a.foo.example.org"}
PODS = {"publishPods": True}

case("pod-ipv4-external-and-internal", SRC, "create IPv4 records based on pod's external and internal IPs", [
    *nodes_v4(), pod("my-pod1", "my-node1", "10.0.1.1", annotations=BOTH), pod("my-pod2", "my-node2", "10.0.1.2", annotations=BOTH),
], [A("a.foo.example.org", "54.10.11.1", "54.10.11.2"), A("internal.a.foo.example.org", "10.0.1.1", "10.0.1.2")], {**PODS, "ignoreNonHostNetworkPods": True})

case("pod-ipv6-external-and-internal", SRC, "create IPv6 records based on pod's external and internal IPs", [
    *nodes_v6(), pod("my-pod1", "my-node1", "2001:DB8::1", annotations=BOTH), pod("my-pod2", "my-node2", "2001:DB8::2", annotations=BOTH),
], [AAAA("a.foo.example.org", "2001:DB8::1", "2001:DB8::2"), AAAA("internal.a.foo.example.org", "2001:DB8::1", "2001:DB8::2")], {**PODS, "ignoreNonHostNetworkPods": True})

case("pod-target-annotation", SRC, "create records based on pod's target annotation", [
    *nodes_v4(), pod("my-pod1", "my-node1", "10.0.1.1", annotations={**BOTH, P + "target": "208.1.2.1"}),
    pod("my-pod2", "my-node2", "10.0.1.2", annotations={**BOTH, P + "target": "208.1.2.2"}),
], [A("a.foo.example.org", "208.1.2.1", "208.1.2.2"), A("internal.a.foo.example.org", "208.1.2.1", "208.1.2.2")], {**PODS, "ignoreNonHostNetworkPods": True})

case("pod-multiple-records", SRC, "create multiple records", [
    node("my-node1", ("ExternalIP", "54.10.11.1"), ("InternalIP", "2001:DB8::1"), ("InternalIP", "10.0.1.1")),
    node("my-node2", ("ExternalIP", "54.10.11.2"), ("InternalIP", "10.0.1.2")),
    pod("my-pod1", "my-node1", "10.0.1.1", annotations={P + "hostname": "a.foo.example.org", P + "ttl": "1h30m"}),
    pod("my-pod2", "my-node2", "10.0.1.2", annotations={P + "hostname": "b.foo.example.org"}),
], [A("a.foo.example.org", "54.10.11.1", ttl=5400), AAAA("a.foo.example.org", "2001:DB8::1", ttl=5400), A("b.foo.example.org", "54.10.11.2")],
    {**PODS, "ignoreNonHostNetworkPods": True})

case("pod-ignore-non-host-network", SRC, "pods with hostNetwore=false should be ignored", [
    *nodes_v4(), pod("my-pod1", "my-node1", "10.0.1.1", annotations={**BOTH, P + "ttl": "1s"}),
    pod("my-pod2", "my-node2", "100.0.1.2", annotations=BOTH, host_network=False),
], [A("a.foo.example.org", "54.10.11.1", ttl=1), A("internal.a.foo.example.org", "10.0.1.1", ttl=1)], {**PODS, "ignoreNonHostNetworkPods": True})

case("pod-namespace", SRC, "only watch a given namespace", [
    *nodes_v4(), pod("my-pod1", "my-node1", "10.0.1.1", annotations=BOTH),
    pod("my-pod2", "my-node2", "100.0.1.2", ns="default", annotations={**BOTH, P + "ttl": "1s"}),
], [A("a.foo.example.org", "54.10.11.1"), A("internal.a.foo.example.org", "10.0.1.1")], {**PODS, "ignoreNonHostNetworkPods": True, "namespace": "kube-system"})

case("pod-split-internal-hostname", SRC, "split record for internal hostname annotation", [
    node("my-node1", ("InternalIP", "10.0.1.1")),
    pod("my-pod1", "my-node1", "10.0.1.1", annotations={P + "internal-hostname": "internal.a.foo.example.org,internal.b.foo.example.org"}),
], [A("internal.a.foo.example.org", "10.0.1.1"), A("internal.b.foo.example.org", "10.0.1.1")], {**PODS, "ignoreNonHostNetworkPods": True})

case("pod-source-domain", SRC, "create IPv4 records for non-host network pods", [
    *nodes_v4(), pod("my-pod1", "my-node1", "192.168.1.1", annotations={P + "ttl": "1m"}, host_network=False),
    pod("my-pod2", "my-node2", "192.168.1.2", host_network=False),
], [A("my-pod1.example.org", "192.168.1.1", ttl=60), A("my-pod2.example.org", "192.168.1.2")], {**PODS, "podSourceDomain": "example.org"})

case("pod-internal-hostname-non-host-network", SRC, "create records based on internal hostname annotation for non-host network pod; for host network pod", [
    *nodes_v4(), pod("my-pod1", "my-node1", "192.168.1.1", annotations={P + "internal-hostname": "internal.a.foo.example.org"}, host_network=False),
    pod("my-pod2", "my-node1", "192.168.1.2", annotations={P + "internal-hostname": "internal.b.foo.example.org"}),
], [A("internal.a.foo.example.org", "192.168.1.1"), A("internal.b.foo.example.org", "192.168.1.2")], PODS)

case("pod-target-annotation-with-source-domain", SRC, "create records based on pod's target annotation with pod source domain", [
    *nodes_v4(), pod("my-pod1", "my-node1", "10.0.1.1", annotations={**BOTH, P + "target": "208.1.2.1"}),
    pod("my-pod2", "my-node2", "10.0.1.2", annotations={**BOTH, P + "target": "208.1.2.2"}),
], [A("my-pod1.example.org", "208.1.2.1"), A("my-pod2.example.org", "208.1.2.2"), A("a.foo.example.org", "208.1.2.1", "208.1.2.2"),
    A("internal.a.foo.example.org", "208.1.2.1", "208.1.2.2")], {**PODS, "ignoreNonHostNetworkPods": True, "podSourceDomain": "example.org"})

case("pod-missing-node", SRC, "host network pod on a missing node", [
    *nodes_v4(), pod("my-pod1", "missing-node", "10.0.1.1", annotations={P + "hostname": "a.foo.example.org"}),
], [], {**PODS, "ignoreNonHostNetworkPods": True})

case("pod-provider-specific-and-controller", SRC, "provider-specific annotation is not supported and is ignored; our controller type is dns-controller; different controller types are ignored", [
    *nodes_v4(), pod("my-pod1", "my-node1", "10.0.1.1", annotations={P + "hostname": "a.foo.example.org", P + "aws-weight": "10"}),
    pod("my-pod2", "my-node1", "10.0.1.1", annotations={P + "controller": "dns-controller", P + "hostname": "b.foo.example.org"}),
    pod("my-pod3", "my-node1", "10.0.1.1", annotations={P + "controller": "some-other-tool", P + "hostname": "c.foo.example.org"}),
], [A("a.foo.example.org", "54.10.11.1"), A("b.foo.example.org", "54.10.11.1")], {**PODS, "ignoreNonHostNetworkPods": True})

# ExternalDns's own: pods are published only when asked; a template uses status.podIPs; a broken target annotation
# makes the view incomplete (pod records carry no resource label, as upstream writes them, so they cannot be kept one by one).
case("pod-not-published-without-option", "(ExternalDns) the manifest source", "pods only feed headless services unless --manifest-publish-pods", [
    *nodes_v4(), pod("my-pod1", "my-node1", "10.0.1.1", annotations=BOTH),
], [])
case("pod-fqdn-template", "(ExternalDns) the rules of source/pod.go", "--fqdn-template names take every IP of status.podIPs when the pod has no records of its own", [
    pod("web-0", "my-node1", "10.0.1.5", ns="apps", ips=["10.0.1.5", "fd00::5"], host_network=False),
    pod("annotated", "my-node1", "10.0.1.6", ns="apps", ips=["10.0.1.6"], annotations={P + "internal-hostname": "annotated.internal.example.org"}),
], [A("web-0.pods.example.org", "10.0.1.5"), AAAA("web-0.pods.example.org", "fd00::5"), A("annotated.internal.example.org", "10.0.1.6")],
    {**PODS, "fqdnTemplates": ["{{.Name}}.pods.example.org"]})
case("pod-broken-target", "(ExternalDns) the rules of source/pod.go", "a target annotation without a valid target: warning, no records for the pod, nothing deleted", [
    pod("good", "my-node1", "10.0.1.7", annotations={P + "internal-hostname": "good.example.org"}),
    pod("broken", "my-node1", "10.0.1.8", annotations={P + "internal-hostname": "broken.example.org", P + "target": "bad_target!"}),
], [A("good.example.org", "10.0.1.7")], PODS)
