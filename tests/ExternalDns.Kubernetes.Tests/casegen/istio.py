"""Golden cases for istio-gateway and istio-virtualservice, ported from upstream source/istio_gateway_test.go and
source/istio_virtualservice_test.go (run: python3 istio.py)."""
import common
from common import P, meta

# Services and Ingresses only give Istio Gateways their targets here: publish one source only (as --source does).
def case(name, source, upstream, objects, expected, options=None):
    common.case(name, source, upstream, objects, expected, {"sources": ["istio-gateway"], **(options or {})})

GW_SRC = "source/istio_gateway_test.go"
VS_SRC = "source/istio_virtualservice_test.go"
ING = P + "ingress"


def service(name, ns="default", ips=(), hostnames=(), external=(), selector=None):
    lb = [{"ip": i} for i in ips] + [{"hostname": h} for h in hostnames]
    spec = {"type": "LoadBalancer"}
    if selector:
        spec["selector"] = selector
    if external:
        spec["externalIPs"] = list(external)
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta(ns, name), "spec": spec, "status": {"loadBalancer": {"ingress": lb}}}


def ingress(name, ns="default", ips=(), hostnames=()):
    lb = [{"ip": i} for i in ips] + [{"hostname": h} for h in hostnames]
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta(ns, name), "spec": {}, "status": {"loadBalancer": {"ingress": lb}}}


def gateway(name, servers, ns="default", annotations=None, labels=None, selector=None):
    spec = {"servers": [{"hosts": hosts, "port": {"number": 80, "name": "http", "protocol": "HTTP"}} for hosts in servers]}
    if selector is not None:
        spec["selector"] = selector
    return {"apiVersion": "networking.istio.io/v1", "kind": "Gateway", "metadata": meta(ns, name, labels, annotations), "spec": spec}


def vs(name, hosts, gateways, ns="default", annotations=None, labels=None, export_to=None):
    spec = {"hosts": hosts, "gateways": gateways}
    if export_to is not None:
        spec["exportTo"] = export_to
    return {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService", "metadata": meta(ns, name, labels, annotations), "spec": spec}


def A(name, *t, ttl=0):
    return (name, "A", list(t), ttl)


def C(name, *t, ttl=0):
    return (name, "CNAME", list(t), ttl)


# ---- testEndpointsFromGatewayConfig: one gateway, its hosts and targets; each case in a namespace of its own ---------
T1 = "TestGateway/endpointsFromGatewayConfig"
for slug, title, objects, expected in [
    ("one-rule-host-one-lb-hostname", "one rule.host one lb.hostname",
     [service("lb", hostnames=["lb.com"]), gateway("gw", [["foo.bar"]])], [C("foo.bar", "lb.com")]),
    ("one-namespaced-rule-host-one-lb-hostname", "one namespaced rule.host one lb.hostname",
     [service("lb", hostnames=["lb.com"]), gateway("gw", [["my-namespace/foo.bar"]])], [C("foo.bar", "lb.com")]),
    ("one-rule-host-one-lb-ip", "one rule.host one lb.IP",
     [service("lb", ips=["8.8.8.8"]), gateway("gw", [["foo.bar"]])], [A("foo.bar", "8.8.8.8")]),
    ("one-rule-host-one-ingress-ip", "one rule.host one ingress.IP",
     [ingress("ingress1", ips=["8.8.8.8"]), gateway("gw", [["foo.bar"]], annotations={ING: "ingress1"})], [A("foo.bar", "8.8.8.8")]),
    ("two-lb-ips-two-lb-hostnames", "one rule.host two lb.IP and two lb.Hostname",
     [service("lb", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"]), gateway("gw", [["foo.bar"]])],
     [A("foo.bar", "8.8.8.8", "127.0.0.1"), C("foo.bar", "elb.com", "alb.com")]),
    ("two-ingress-ips-two-ingress-hostnames", "one rule.host two ingress.IP and two ingress.Hostname",
     [ingress("ingress1", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"]), gateway("gw", [["foo.bar"]], annotations={ING: "ingress1"})],
     [A("foo.bar", "8.8.8.8", "127.0.0.1"), C("foo.bar", "elb.com", "alb.com")]),
    ("no-rule-host", "no rule.host",
     [service("lb", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"], external=["1.1.1.1", "2.2.2.2"]), gateway("gw", [])], []),
    ("one-empty-rule-host", "one empty rule.host",
     [service("lb", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"], external=["1.1.1.1", "2.2.2.2"]), gateway("gw", [[""]])], []),
    ("one-empty-rule-host-with-ingress-annotation", "one empty rule.host with gateway ingress annotation",
     [ingress("ingress1", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"]), gateway("gw", [[""]], annotations={ING: "ingress1"})], []),
    ("no-targets", "no targets", [service("lb"), gateway("gw", [[""]])], []),
    ("two-ingressgateway-lb-hostnames", "one gateway, two ingressgateway loadbalancer hostnames",
     [service("gateway1", ns="istio-other", hostnames=["lb.com"]), service("gateway2", ns="istio-other", hostnames=["lb2.com"]), gateway("gw", [["foo.bar"]])],
     [C("foo.bar", "lb.com", "lb2.com")]),
    ("ingress-in-separate-namespace", "one gateway, ingress in separate namespace",
     [ingress("ingress1", ns="istio-other2", hostnames=["lb.com"]), ingress("ingress2", ns="istio-other", hostnames=["lb2.com"]),
      gateway("gw", [["foo.bar"]], annotations={ING: "istio-other2/ingress1"})], [C("foo.bar", "lb.com")]),
    ("one-lb-external-ip", "one rule.host one lb.externalIP",
     [service("lb", external=["8.8.8.8"]), gateway("gw", [["foo.bar"]])], [A("foo.bar", "8.8.8.8")]),
    ("external-ips-win", "one rule.host two lb.IP, two lb.Hostname and two lb.externalIP",
     [service("lb", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"], external=["1.1.1.1", "2.2.2.2"]), gateway("gw", [["foo.bar"]])],
     [A("foo.bar", "1.1.1.1", "2.2.2.2")]),
    ("provider-specific", "provider-specific annotation is converted to endpoint property",
     [service("lb", ips=["8.8.8.8"]), gateway("gw", [["foo.bar"]], annotations={P + "aws-weight": "10"})], [A("foo.bar", "8.8.8.8")]),
]:
    case(f"istio-gateway-config-{slug}", GW_SRC, f"{T1}: {title}", objects, expected)

# ---- testGatewayEndpoints: the source over every gateway -----------------------------------------------------------
T2 = "TestGateway/Endpoints"
LB = service("lb", ips=["8.8.8.8"], hostnames=["lb.com"])
case("istio-gateway-two-simple-gateways", GW_SRC, f"{T2}: two simple gateways (in the same and different namespaces), one ingressgateway loadbalancer service",
     [LB, gateway("fake1", [["example.org"]]), gateway("fake2", [["new.org"]])],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com"), A("new.org", "8.8.8.8"), C("new.org", "lb.com")])
case("istio-gateway-target-namespace", GW_SRC, f"{T2}: two simple gateways on different namespaces and a target namespace, one ingressgateway loadbalancer service",
     [service("lb", ns="testing1", ips=["8.8.8.8"], hostnames=["lb.com"]), service("lb-elsewhere", ns="testing2", ips=["9.9.9.9"]),
      gateway("fake1", [["example.org"]], ns="testing1"), gateway("fake2", [["new.org"]], ns="testing2")],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com")], {"namespace": "testing1"})
case("istio-gateway-ingress-other-namespace", GW_SRC, f"{T2}: one simple gateways on different namespace and a target namespace, one ingress service (upstream widens the namespace to all because the ingress is elsewhere)",
     [ingress("ingress1", ns="testing2", ips=["8.8.8.8"], hostnames=["lb.com"]), gateway("fake1", [["example.org"]], ns="testing1", annotations={ING: "testing2/ingress1"})],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com")])
case("istio-gateway-annotation-filter", GW_SRC, f"{T2}: valid matching and non-matching annotation filter expression",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", [["example.org"]], annotations={"kubernetes.io/gateway.class": "nginx"}),
      gateway("fake2", [["tectonic.org"]], annotations={"kubernetes.io/gateway.class": "tectonic"})],
     [A("example.org", "8.8.8.8")], {"annotationFilter": "kubernetes.io/gateway.class in (alb, nginx)"})
case("istio-gateway-annotation-filter-label", GW_SRC, f"{T2}: valid matching and non-matching annotation filter label",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", [["example.org"]], annotations={"kubernetes.io/gateway.class": "nginx"}),
      gateway("fake2", [["alb.org"]], annotations={"kubernetes.io/gateway.class": "alb"})],
     [A("example.org", "8.8.8.8")], {"annotationFilter": "kubernetes.io/gateway.class=nginx"})
case("istio-gateway-label-filter", GW_SRC, f"{T2}: valid matching and non-matching label filter (the Service need not carry the label)",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", [["example.org"]], labels={"app": "istio-gateway"}), gateway("fake2", [["other.org"]], labels={"app": "other"})],
     [A("example.org", "8.8.8.8")], {"labelFilter": "app=istio-gateway"})
case("istio-gateway-controller", GW_SRC, f"{T2}: our controller type is dns-controller; different controller types are ignored; another controller annotation skipped even with template",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", [["example.org"]], annotations={P + "controller": "dns-controller"}),
      gateway("fake2", [["other.org"]], annotations={P + "controller": "some-other-tool"}), gateway("fake3", [], annotations={P + "controller": "other-controller"})],
     [A("example.org", "8.8.8.8")], {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
case("istio-gateway-template-if-host-missing", GW_SRC, f"{T2}: template for gateway if host is missing",
     [service("lb", ips=["8.8.8.8"], hostnames=["elb.com"]), gateway("fake1", [], annotations={P + "controller": "dns-controller"})],
     [A("fake1.ext-dns.test.com", "8.8.8.8"), C("fake1.ext-dns.test.com", "elb.com")], {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
case("istio-gateway-multiple-template-hostnames", GW_SRC, f"{T2}: multiple FQDN template hostnames",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", [])],
     [A("fake1.ext-dns.test.com", "8.8.8.8"), A("fake1.ext-dna.test.com", "8.8.8.8")], {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com, {{.Name}}.ext-dna.test.com"]})
case("istio-gateway-multiple-template-hostnames-combined", GW_SRC, f"{T2}: multiple FQDN template hostnames (combined with the gateway's hosts)",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", []), gateway("fake2", [["example.org"]], annotations={P + "target": "gateway-target.com"})],
     [A("fake1.ext-dns.test.com", "8.8.8.8"), A("fake1.ext-dna.test.com", "8.8.8.8"), C("example.org", "gateway-target.com"),
      C("fake2.ext-dns.test.com", "gateway-target.com"), C("fake2.ext-dna.test.com", "gateway-target.com")],
     {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com, {{.Name}}.ext-dna.test.com"], "combineFqdnAnnotation": True})
case("istio-gateway-rules-with-target-annotation", GW_SRC, f"{T2}: gateway rules with annotation (the target annotation wins over the ingress annotation)",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", [["example.org"]], annotations={P + "target": "gateway-target.com"}),
      gateway("fake2", [["example2.org"]], annotations={P + "target": "gateway-target.com"}),
      gateway("fake3", [["example3.org"]], annotations={ING: "not-real/ingress1", P + "target": "1.2.3.4"})],
     [C("example.org", "gateway-target.com"), C("example2.org", "gateway-target.com"), A("example3.org", "1.2.3.4")])
case("istio-gateway-hostname-annotation", GW_SRC, f"{T2}: gateway rules with hostname annotation (one and several hostnames)",
     [service("lb", ips=["1.2.3.4"]), gateway("fake1", [["example.org"]], annotations={P + "hostname": "dns-through-hostname.com"}),
      gateway("fake2", [["example-two.org"]], annotations={P + "hostname": "dns2-through-hostname.com, another-dns-through-hostname.com"})],
     [A("example.org", "1.2.3.4"), A("dns-through-hostname.com", "1.2.3.4"), A("example-two.org", "1.2.3.4"), A("dns2-through-hostname.com", "1.2.3.4"),
      A("another-dns-through-hostname.com", "1.2.3.4")])
case("istio-gateway-hostname-and-target-annotation", GW_SRC, f"{T2}: gateway rules with hostname and target annotation; with hostname, target and ingress annotation",
     [service("lb"), ingress("ingress1"),
      gateway("fake1", [["example.org"]], annotations={P + "hostname": "dns-through-hostname.com", P + "target": "gateway-target.com"}),
      gateway("fake2", [["example2.org"]], annotations={ING: "ingress1", P + "hostname": "dns2-through-hostname.com", P + "target": "gateway-target.com"})],
     [C("example.org", "gateway-target.com"), C("dns-through-hostname.com", "gateway-target.com"), C("example2.org", "gateway-target.com"),
      C("dns2-through-hostname.com", "gateway-target.com")])
case("istio-gateway-custom-ttl", GW_SRC, f"{T2}: gateway rules with annotation and custom TTL",
     [service("lb", ips=["8.8.8.8"]), gateway("fake1", [["example.org"]], annotations={P + "target": "gateway-target.com", P + "ttl": "6"}),
      gateway("fake2", [["example2.org"]], annotations={P + "target": "gateway-target.com", P + "ttl": "1"}),
      gateway("fake3", [["example3.org"]], annotations={P + "target": "gateway-target.com", P + "ttl": "10s"})],
     [C("example.org", "gateway-target.com", ttl=6), C("example2.org", "gateway-target.com", ttl=1), C("example3.org", "gateway-target.com", ttl=10)])
case("istio-gateway-template-with-annotation", GW_SRC, f"{T2}: template for gateway with annotation",
     [service("lb"), gateway("fake1", [], annotations={P + "target": "gateway-target.com"}), gateway("fake2", [], annotations={P + "target": "gateway-target.com"}),
      gateway("fake3", [], annotations={P + "target": "1.2.3.4"})],
     [C("fake1.ext-dns.test.com", "gateway-target.com"), C("fake2.ext-dns.test.com", "gateway-target.com"), A("fake3.ext-dns.test.com", "1.2.3.4")],
     {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
case("istio-gateway-empty-annotations", GW_SRC, f"{T2}: Ingress with empty annotation; Gateway with empty ingress annotation",
     [service("lb"), ingress("ingress1"), gateway("fake1", [], annotations={P + "target": ""}), gateway("fake2", [], annotations={ING: ""})],
     [], {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
case("istio-gateway-ignore-hostname-annotation", GW_SRC, f"{T2}: ignore hostname annotations (with a template, as the CLI requires; the gateways have hosts, so it does not run)",
     [LB, gateway("fake1", [["example.org"]], annotations={P + "hostname": "ignore.me"}), gateway("fake2", [["new.org"]], annotations={P + "hostname": "ignore.me.too"})],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com"), A("new.org", "8.8.8.8"), C("new.org", "lb.com")],
     {"ignoreHostnameAnnotation": True, "fqdnTemplates": ["{{.Name}}.template.test.com"]})
case("istio-gateway-wildcard-hosts", GW_SRC, f"{T2}: gateways with wildcard host; with wildcard host and hostname annotation",
     [service("lb", ips=["1.2.3.4"]), gateway("fake1", [["*"]]), gateway("fake2", [["some-namespace/*"]]),
      gateway("fake3", [["*"]], annotations={P + "hostname": "fake3.dns-through-hostname.com"}),
      gateway("fake4", [["some-namespace/*"]], annotations={P + "hostname": "fake4.dns-through-hostname.com"})],
     [A("fake3.dns-through-hostname.com", "1.2.3.4"), A("fake4.dns-through-hostname.com", "1.2.3.4")])
case("istio-gateway-ingress-not-found", GW_SRC, f"{T2}: gateways with ingress annotation; ingress not found (upstream fails the whole source; here only this Gateway is unresolved and keeps its records)",
     [ingress("ingress1", ips=["8.8.8.8"]), service("lb", ips=["9.9.9.9"]), gateway("fake1", [["new.org"]], annotations={ING: "ingress2"}),
      gateway("fine", [["fine.org"]])],
     [A("fine.org", "9.9.9.9")])
SELECTOR = {"app": "demo", "env": "prod", "team": "devops", "version": "v1", "release": "stable", "track": "daily", "tier": "backend"}
case("istio-gateway-selector-matches-service-selector", GW_SRC, "TestGatewaySource_GWSelectorMatchServiceSelector: single selector, all selectors, a subset (and, ExternalDns's own, a selector the service lacks)",
     [service("fake-service", external=["10.10.10.255"], selector=SELECTOR), service("other-service", external=["10.10.10.1"], selector={"app": "other"}),
      gateway("single", [["single.example.org"]], selector={"version": "v1"}), gateway("all", [["all.example.org"]], selector=SELECTOR),
      gateway("subset", [["subset.example.org"]], selector={"version": "v1", "release": "stable", "tier": "backend", "app": "demo"}),
      gateway("none", [["none.example.org"]], selector={"version": "v2"})],
     [A("single.example.org", "10.10.10.255"), A("all.example.org", "10.10.10.255"), A("subset.example.org", "10.10.10.255")])

# ---- istio-virtualservice ------------------------------------------------------------------------------------------
def vcase(name, source, upstream, objects, expected, options=None):
    common.case(name, source, upstream, objects, expected, {"sources": ["istio-virtualservice"], **(options or {})})


V1 = "TestVirtualService/endpointsFromVirtualServiceConfig"
for slug, title, objects, expected in [
    ("one-rule-host-one-lb-hostname", "one rule.host one lb.hostname",
     [service("lb", hostnames=["lb.com"]), gateway("mygw", [["*"]], ns="test"), vs("vs", ["foo.bar"], ["mygw"], ns="test")], [C("foo.bar", "lb.com")]),
    ("one-rule-host-one-lb-ip", "one rule.host one lb.IP",
     [service("lb", ips=["8.8.8.8"]), gateway("mygw", [["*"]], ns="test"), vs("vs", ["foo.bar"], ["mygw"], ns="test")], [A("foo.bar", "8.8.8.8")]),
    ("one-rule-host-one-lb-external-ip", "one rule.host one lb.externalIPs",
     [service("lb", external=["8.8.8.8"]), gateway("mygw", [["*"]], ns="test"), vs("vs", ["foo.bar"], ["mygw"], ns="test")], [A("foo.bar", "8.8.8.8")]),
    ("two-lb-ips-two-lb-hostnames", "one rule.host two lb.IP and two lb.Hostname",
     [service("lb", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"]), gateway("mygw", [["*"]], ns="test"), vs("vs", ["foo.bar"], ["mygw"], ns="test")],
     [A("foo.bar", "8.8.8.8", "127.0.0.1"), C("foo.bar", "elb.com", "alb.com")]),
    ("external-ips-win", "one rule.host two lb.IP and two lb.Hostname and two lb.externalIPs",
     [service("lb", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"], external=["1.1.1.1", "2.2.2.2"]), gateway("mygw", [["*"]], ns="test"),
      vs("vs", ["foo.bar"], ["mygw"], ns="test")], [A("foo.bar", "1.1.1.1", "2.2.2.2")]),
    ("no-rule-host", "no rule.host",
     [service("lb", ips=["8.8.8.8"]), gateway("mygw", [["*"]], ns="test"), vs("vs", [], ["mygw"], ns="test")], []),
    ("no-rule-gateway", "no rule.gateway",
     [service("lb", ips=["8.8.8.8"]), gateway("mygw", [["*"]], ns="test"), vs("vs", ["foo.bar"], [], ns="test")], []),
    ("one-empty-rule-host", "one empty rule.host",
     [service("lb", ips=["8.8.8.8"]), gateway("mygw", [[""]], ns="test"), vs("vs", [], [], ns="test")], []),
    ("no-targets", "no targets",
     [service("lb"), gateway("mygw", [["*"]], ns="test"), vs("vs", ["foo.bar"], [], ns="test")], []),
    ("matching-selectors", "matching selectors for service and gateway",
     [service("service1", hostnames=["elb.com", "alb.com"], selector={"app": "myservice"}), service("service2", ips=["8.8.8.8", "127.0.0.1"], selector={"app": "otherservice"}),
      gateway("mygw", [["*"]], ns="test", selector={"app": "myservice"}), vs("vs", ["foo.bar"], ["mygw"], ns="test")], [C("foo.bar", "elb.com", "alb.com")]),
    ("ingress-annotation-same-namespace", "ingress gateway annotation same namespace",
     [ingress("ingress1", ns="test", hostnames=["alb.com", "elb.com"]), ingress("ingress2", ns="test", ips=["127.0.0.1", "8.8.8.8"]),
      gateway("mygw", [["*"]], ns="test", annotations={ING: "ingress1"}), vs("vs", ["foo.bar"], ["mygw"], ns="test")], [C("foo.bar", "alb.com", "elb.com")]),
    ("ingress-annotation-separate-namespace", "ingress gateway annotation separate namespace",
     [ingress("ingress1", ns="ingress", hostnames=["alb.com", "elb.com"]), ingress("ingress2", ns="ingress", ips=["127.0.0.1", "8.8.8.8"]),
      gateway("mygw", [["*"]], ns="test", annotations={ING: "ingress/ingress2"}), vs("vs", ["foo.bar"], ["mygw"], ns="test")], [A("foo.bar", "127.0.0.1", "8.8.8.8")]),
    ("provider-specific", "provider-specific annotation is converted to endpoint property",
     [service("lb", ips=["8.8.8.8"]), gateway("mygw", [["*"]], ns="test"), vs("vs", ["foo.bar"], ["mygw"], ns="test", annotations={P + "aws-weight": "10"})],
     [A("foo.bar", "8.8.8.8")]),
]:
    vcase(f"istio-virtualservice-config-{slug}", VS_SRC, f"{V1}: {title}", objects, expected)

V2 = "TestVirtualService/Endpoints"
NSV = "testing"
vcase("istio-virtualservice-two-with-one-gateway-each", VS_SRC, f"{V2}: two simple virtualservices with one gateway each, one ingressgateway loadbalancer service",
     [service("lb", ns=NSV, ips=["8.8.8.8"], hostnames=["lb.com"]), gateway("fake1", [["*"]], ns=NSV), gateway("fake2", [["*"]], ns=NSV),
      vs("vs1", ["example.org"], ["fake1"], ns=NSV), vs("vs2", ["new.org"], ["fake2"], ns=NSV)],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com"), A("new.org", "8.8.8.8"), C("new.org", "lb.com")])
vcase("istio-virtualservice-two-gateways", VS_SRC, f"{V2}: one virtualservice with two gateways, one ingressgateway loadbalancer service",
     [service("lb", ns=NSV, ips=["8.8.8.8"], hostnames=["lb.com"]), gateway("gw1", [["*"]], ns=NSV), gateway("gw2", [["*"]], ns=NSV),
      vs("vs", ["example.org"], ["gw1", "gw2"], ns=NSV)],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com")])
vcase("istio-virtualservice-vs-target-annotation", VS_SRC, f"{V2}: virtualservice with target annotation",
     [service("lb", ns=NSV, ips=["8.8.8.8"]), vs("vs1", ["example.org"], ["fake1"], ns=NSV, annotations={P + "target": "virtualservice-target.com"}),
      vs("vs2", ["example2.org"], ["fake1"], ns=NSV, annotations={P + "target": "virtualservice-target.com"})],
     [C("example.org", "virtualservice-target.com"), C("example2.org", "virtualservice-target.com")])
vcase("istio-virtualservice-gateway-target-annotation", VS_SRC, f"{V2}: virtualservice; gateway with target annotation; gateway with target and ingress annotation",
     [service("lb", ns=NSV, ips=["8.8.8.8"]), ingress("ingress1", ns=NSV, ips=["1.1.1.1"]),
      gateway("fake1", [["*"]], ns=NSV, annotations={P + "target": "gateway-target.com"}),
      gateway("fake2", [["*"]], ns=NSV, annotations={P + "target": "gateway-target.com", ING: "ingress1"}),
      vs("vs1", ["example.org"], ["fake1"], ns=NSV), vs("vs2", ["example2.org"], ["fake2"], ns=NSV)],
     [C("example.org", "gateway-target.com"), C("example2.org", "gateway-target.com")])
vcase("istio-virtualservice-hostname-annotation", VS_SRC, f"{V2}: virtualservice with hostname annotation; with several hostnames, restricted by gw.hosts",
     [service("lb", ns=NSV, ips=["1.2.3.4"]), gateway("fake1", [["*"]], ns=NSV), gateway("fake2", [["*.bar.com"]], ns=NSV),
      vs("vs1", ["example.org"], ["fake1"], ns=NSV, annotations={P + "hostname": "dns-through-hostname.com"}),
      vs("vs2", ["baz.bar.org"], ["fake2"], ns=NSV, annotations={P + "hostname": "foo.bar.com, another-dns-through-hostname.com"})],
     [A("example.org", "1.2.3.4"), A("dns-through-hostname.com", "1.2.3.4"), A("foo.bar.com", "1.2.3.4")])
vcase("istio-virtualservice-custom-ttl", VS_SRC, f"{V2}: virtualservices with annotation and custom TTL",
     [service("lb", ns=NSV, ips=["8.8.8.8"]), gateway("fake1", [["*"]], ns=NSV),
      vs("vs1", ["example.org"], ["fake1"], ns=NSV, annotations={P + "ttl": "6"}), vs("vs2", ["example2.org"], ["fake1"], ns=NSV, annotations={P + "ttl": "1"})],
     [A("example.org", "8.8.8.8", ttl=6), A("example2.org", "8.8.8.8", ttl=1)])
vcase("istio-virtualservice-template-gateway-target", VS_SRC, f"{V2}: template for virtualservice; gateway with target annotation; template if host is missing",
     [service("lb", ns=NSV, ips=["8.8.8.8"], hostnames=["elb.com"]),
      gateway("fake1", [["*"]], ns=NSV, annotations={P + "target": "gateway-target.com"}), gateway("fake2", [["*"]], ns=NSV, annotations={P + "target": "1.2.3.4"}),
      gateway("fake3", [["*"]], ns=NSV),
      vs("vs1", [], ["fake1"], ns=NSV), vs("vs2", [], ["fake2"], ns=NSV), vs("vs3", [""], ["fake3"], ns=NSV)],
     [C("vs1.ext-dns.test.com", "gateway-target.com"), A("vs2.ext-dns.test.com", "1.2.3.4"), A("vs3.ext-dns.test.com", "8.8.8.8"), C("vs3.ext-dns.test.com", "elb.com")],
     {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
vcase("istio-virtualservice-template-restricted-by-gateway-hosts", VS_SRC, f"{V2}: multiple FQDN template hostnames with restricted gw.hosts",
     [gateway("fake1", [["*.org", "*.ext-dns.test.com"]], ns=NSV, annotations={P + "target": "gateway-target.com"}),
      vs("vs1", ["example.org"], ["fake1"], ns=NSV), vs("vs2", [], ["fake1"], ns=NSV)],
     [C("vs1.ext-dns.test.com", "gateway-target.com"), C("vs2.ext-dns.test.com", "gateway-target.com"), C("example.org", "gateway-target.com")],
     {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com, {{.Name}}.ext-dna.test.com"], "combineFqdnAnnotation": True})
vcase("istio-virtualservice-complex-setup", VS_SRC, f"{V2}: complex setup with multiple gateways and multiple vs.hosts only matching some of the gateway",
     [service("svc1", ns="istio-system", hostnames=["target1.com"], selector={"app": "igw1"}),
      service("svc2", ns="testing1", hostnames=["target2.com"], selector={"app": "igw2"}),
      service("svc3", ns="testing2", hostnames=["target3.com"], selector={"app": "igw3"}),
      ingress("ingress1", ns="testing1", hostnames=["target4.com"]), ingress("ingress3", ns="testing3", hostnames=["target5.com"]),
      gateway("fake1", [["*"]], ns="istio-system", selector={"app": "igw1"}),
      gateway("fake2", [["*.baz.com"], ["*.bar.com"]], ns="testing1", selector={"app": "igw2"}),
      gateway("fake3", [["*.bax.com", "*.bar.com"]], ns="testing2", selector={"app": "igw3"}),
      gateway("fake4", [["*.bax.com", "*.bar.com"]], ns="testing3", selector={"app": "igw4"}, annotations={ING: "testing1/ingress1"}),
      vs("vs1", ["somedomain.com", "foo.bar.com"], ["istio-system/fake1", "testing1/fake2"], ns="testing3"),
      vs("vs2", ["hello.bar.com", "hello.bax.com", "hello.bak.com"], ["testing1/fake2", "fake3"], ns="testing2"),
      vs("vs3", ["world.bax.com", "world.bak.com"], ["istio-system/fake1", "testing2/fake3"], ns="testing1"),
      vs("vs4", ["foo.bax.com", "foo.bak.com"], ["istio-system/fake1", "testing3/fake4"], ns="testing1")],
     [C("somedomain.com", "target1.com"), C("foo.bar.com", "target1.com", "target2.com"), C("hello.bar.com", "target2.com", "target3.com"),
      C("hello.bax.com", "target3.com"), C("world.bak.com", "target1.com"), C("world.bax.com", "target1.com", "target3.com"), C("foo.bak.com", "target1.com"),
      C("foo.bax.com", "target1.com", "target4.com")], {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
vcase("istio-virtualservice-filters-and-controller", VS_SRC, f"{V2}: valid matching / non-matching annotation filter; our controller type is dns-controller; different controller types are ignored",
     [service("lb", ns=NSV, ips=["8.8.8.8"]), gateway("fake1", [["*"]], ns=NSV),
      vs("vs1", ["example.org"], ["fake1"], ns=NSV, annotations={"kubernetes.io/ingress.class": "nginx", P + "controller": "dns-controller"}),
      vs("vs2", ["tectonic.org"], ["fake1"], ns=NSV, annotations={"kubernetes.io/ingress.class": "tectonic"}),
      vs("vs3", ["other.org"], ["fake1"], ns=NSV, annotations={"kubernetes.io/ingress.class": "nginx", P + "controller": "some-other-tool"})],
     [A("example.org", "8.8.8.8")], {"annotationFilter": "kubernetes.io/ingress.class in (alb, nginx)"})
vcase("istio-virtualservice-ingress-not-found", VS_SRC, f"{V2}: gateway ingress annotation; ingress not found (upstream fails the whole source; here only the VirtualService is unresolved)",
     [service("lb", ns=NSV, ips=["8.8.8.8"]), gateway("fake1", [["*"]], ns=NSV, annotations={ING: "ingress2"}), gateway("fine", [["*"]], ns=NSV),
      vs("vs1", ["broken.org"], ["fake1"], ns=NSV), vs("vs2", ["fine.org"], ["fine"], ns=NSV)],
     [A("fine.org", "8.8.8.8")])
