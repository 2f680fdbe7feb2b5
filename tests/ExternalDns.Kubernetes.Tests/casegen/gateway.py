"""Golden cases for the Gateway API sources, ported from upstream source/gateway_*_test.go (run: python3 gateway.py)."""
from common import P, case, meta, namespace

G = "gateway.networking.k8s.io"
ALL = {"namespaces": {"from": "All"}}


def listener(protocol="HTTP", name=None, hostname=None, port=None, allowed=None):
    lis = {}
    if name:
        lis["name"] = name
    if hostname:
        lis["hostname"] = hostname
    lis["port"] = port if port is not None else 80
    lis["protocol"] = protocol
    if allowed:
        lis["allowedRoutes"] = allowed
    return lis


def gateway(ns, name, listeners, addresses, labels=None, annotations=None, allowed_listeners=None):
    spec = {"listeners": listeners}
    if allowed_listeners:
        spec["allowedListeners"] = allowed_listeners
    return {"apiVersion": f"{G}/v1", "kind": "Gateway", "metadata": meta(ns, name, labels, annotations), "spec": spec,
            "status": {"addresses": [{"type": "IPAddress", "value": a} for a in addresses]}}


def ref(ns, name, section=None, port=None, kind="Gateway"):
    r = {"group": G, "kind": kind, "name": name, "namespace": ns}
    if section:
        r["sectionName"] = section
    if port:
        r["port"] = port
    return r


def accepted(*refs, status="True", ctype="Accepted"):
    return [{"parentRef": r, "conditions": [{"type": ctype, "status": status}]} for r in refs]


def route(ns, name, hostnames=None, refs=None, parents=None, kind="HTTPRoute", labels=None, annotations=None):
    version = "v1alpha2" if kind in ("TCPRoute", "UDPRoute") else "v1"
    spec = {}
    if hostnames is not None:
        spec["hostnames"] = hostnames
    if refs is not None:
        spec["parentRefs"] = refs
    return {"apiVersion": f"{G}/{version}", "kind": kind, "metadata": meta(ns, name, labels, annotations), "spec": spec,
            "status": {"parents": parents or []}}


def A(name, *targets, ttl=0):
    return (name, "A", list(targets), ttl)


SRC = "source/gateway_httproute_test.go TestGatewayHTTPRouteSourceEndpoints"

case("gateway-httproute-gateway-name", SRC, "GatewayName", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "gateway-name", [listener(allowed=ALL)], ["1.2.3.4"]),
    gateway("gateway-namespace", "not-gateway-name", [listener(allowed=ALL)], ["2.3.4.5"]),
    route("route-namespace", "test", ["test.example.internal"],
          [ref("gateway-namespace", "gateway-name"), ref("gateway-namespace", "not-gateway-name")],
          accepted(ref("gateway-namespace", "gateway-name"), ref("gateway-namespace", "not-gateway-name"))),
], [A("test.example.internal", "1.2.3.4")], {"gatewayName": "gateway-name"})

case("gateway-httproute-gateway-name-none-accepted", SRC, "GatewayNameNoneAccepted", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "gateway-name", [listener(allowed=ALL)], ["1.2.3.4"]),
    route("route-namespace", "old-test", ["test.example.internal"], [ref("gateway-namespace", "gateway-name")],
          accepted(ref("gateway-namespace", "gateway-name"), ctype="NotAccepted")),
], [], {"gatewayName": "gateway-name"})

case("gateway-httproute-gateway-namespace", SRC, "GatewayNamespace", [
    namespace("gateway-namespace"), namespace("not-gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "test", [listener(allowed=ALL)], ["1.2.3.4"]),
    gateway("not-gateway-namespace", "test", [listener()], ["2.3.4.5"]),
    route("route-namespace", "test", ["test.example.internal"],
          [ref("gateway-namespace", "test"), ref("not-gateway-namespace", "test")],
          accepted(ref("gateway-namespace", "test"), ref("not-gateway-namespace", "test"))),
], [A("test.example.internal", "1.2.3.4")], {"gatewayNamespace": "gateway-namespace"})

case("gateway-httproute-route-namespace", SRC, "RouteNamespace", [
    namespace("gateway-namespace"), namespace("route-namespace"), namespace("not-route-namespace"),
    gateway("gateway-namespace", "test", [listener(allowed=ALL)], ["1.2.3.4"]),
    route("route-namespace", "test", ["route-namespace.example.internal"], [ref("gateway-namespace", "test")], accepted(ref("gateway-namespace", "test"))),
    route("not-route-namespace", "test", ["not-route-namespace.example.internal"], None, accepted(ref("gateway-namespace", "test"))),
], [A("route-namespace.example.internal", "1.2.3.4")], {"namespace": "route-namespace"})

case("gateway-httproute-gateway-label-filter", SRC, "GatewayLabelFilter", [
    namespace("default"),
    gateway("default", "labels-match", [listener()], ["1.2.3.4"], labels={"foo": "bar"}),
    gateway("default", "labels-dont-match", [listener()], ["2.3.4.5"], labels={"foo": "qux"}),
    route("default", "test", ["test.example.internal"], [ref("default", "labels-match"), ref("default", "labels-dont-match")],
          accepted(ref("default", "labels-match"), ref("default", "labels-dont-match"))),
], [A("test.example.internal", "1.2.3.4")], {"gatewayLabelFilter": "foo=bar"})

case("gateway-httproute-route-label-filter", SRC, "RouteLabelFilter", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "labels-match", ["labels-match.example.internal"], [ref("default", "test")], accepted(ref("default", "test")), labels={"foo": "bar"}),
    route("default", "labels-dont-match", ["labels-dont-match.example.internal"], [ref("default", "test")], accepted(ref("default", "test")), labels={"foo": "qux"}),
], [A("labels-match.example.internal", "1.2.3.4")], {"labelFilter": "foo=bar"})

case("gateway-httproute-route-annotation-filter", SRC, "RouteAnnotationFilter", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "annotations-match", ["annotations-match.example.internal"], [ref("default", "test")], accepted(ref("default", "test")), annotations={"foo": "bar"}),
    route("default", "annotations-dont-match", ["annotations-dont-match.example.internal"], [ref("default", "test")], accepted(ref("default", "test")), annotations={"foo": "qux"}),
], [A("annotations-match.example.internal", "1.2.3.4")], {"annotationFilter": "foo=bar"})

case("gateway-httproute-skip-controller-annotation", SRC, "SkipControllerAnnotation", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "api", ["api.example.internal"], [ref("default", "test")], accepted(ref("default", "test")), annotations={P + "controller": "something-else"}),
], [])

case("gateway-httproute-multiple-gateways", SRC, "MultipleGateways", [
    namespace("default"),
    gateway("default", "one", [listener()], ["1.2.3.4"]),
    gateway("default", "two", [listener()], ["2.3.4.5"]),
    route("default", "test", ["test.example.internal"], [ref("default", "one"), ref("default", "two")], accepted(ref("default", "one"), ref("default", "two"))),
], [A("test.example.internal", "1.2.3.4", "2.3.4.5")])

case("gateway-httproute-multiple-listeners", SRC, "MultipleListeners", [
    namespace("default"),
    gateway("default", "one", [listener(name="foo", hostname="foo.example.internal"), listener(name="bar", hostname="bar.example.internal")], ["1.2.3.4"]),
    route("default", "test", ["*.example.internal"], [ref("default", "one")], accepted(ref("default", "one"))),
], [A("foo.example.internal", "1.2.3.4"), A("bar.example.internal", "1.2.3.4")])

case("gateway-httproute-section-name-match", SRC, "SectionNameMatch", [
    namespace("default"),
    gateway("default", "test", [listener(name="foo", hostname="foo.example.internal"), listener(name="bar", hostname="bar.example.internal")], ["1.2.3.4"]),
    route("default", "test", ["*.example.internal"], [ref("default", "test", section="foo")], accepted(ref("default", "test", section="foo"))),
], [A("foo.example.internal", "1.2.3.4")])

case("gateway-httproute-port-number-match", SRC, "PortNumberMatch", [
    namespace("default"),
    gateway("default", "test", [listener(name="foo", hostname="foo.example.internal", port=80), listener(name="bar", hostname="bar.example.internal", port=80),
                                listener(name="qux", hostname="qux.example.internal", port=8080)], ["1.2.3.4"]),
    route("default", "test", ["*.example.internal"], [ref("default", "test", port=80)], accepted(ref("default", "test", port=80))),
], [A("foo.example.internal", "1.2.3.4"), A("bar.example.internal", "1.2.3.4")])

case("gateway-httproute-wildcard-in-gateway", SRC, "WildcardInGateway", [
    namespace("default"),
    gateway("default", "test", [listener(hostname="*.example.internal")], ["1.2.3.4"]),
    route("default", "no-hostname", ["foo.example.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
], [A("foo.example.internal", "1.2.3.4")])

case("gateway-httproute-wildcard-in-route", SRC, "WildcardInRoute", [
    namespace("default"),
    gateway("default", "test", [listener(hostname="foo.example.internal")], ["1.2.3.4"]),
    route("default", "no-hostname", ["*.example.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
], [A("foo.example.internal", "1.2.3.4")])

case("gateway-httproute-wildcard-in-route-and-gateway", SRC, "WildcardInRouteAndGateway", [
    namespace("default"),
    gateway("default", "test", [listener(hostname="*.example.internal")], ["1.2.3.4"]),
    route("default", "no-hostname", ["*.example.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
], [A("*.example.internal", "1.2.3.4")])

case("gateway-httproute-no-route-hostname", SRC, "NoRouteHostname", [
    namespace("default"),
    gateway("default", "test", [listener(hostname="foo.example.internal")], ["1.2.3.4"]),
    route("default", "no-hostname", None, [ref("default", "test")], accepted(ref("default", "test"))),
], [A("foo.example.internal", "1.2.3.4")])

case("gateway-httproute-no-gateways", SRC, "NoGateways", [
    namespace("default"),
    route("default", "test", ["example.internal"], [], []),
], [])

case("gateway-httproute-no-hostnames", SRC, "NoHostnames", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "no-hostname", None, [ref("default", "test")], accepted(ref("default", "test"))),
], [])

case("gateway-httproute-hostname-annotation", SRC, "HostnameAnnotation", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "without-hostame", None, [ref("default", "test")], accepted(ref("default", "test")), annotations={P + "hostname": "annotation.without-hostname.internal"}),
    route("default", "with-hostame", ["with-hostname.internal"], [ref("default", "test")], accepted(ref("default", "test")), annotations={P + "hostname": "annotation.with-hostname.internal"}),
], [A("annotation.without-hostname.internal", "1.2.3.4"), A("annotation.with-hostname.internal", "1.2.3.4"), A("with-hostname.internal", "1.2.3.4")])

# --ignore-hostname-annotation requires --fqdn-template here (as the CLI enforces); the route has hostnames, so the
# template does not run and upstream's expectation is unchanged.
case("gateway-httproute-ignore-hostname-annotation", SRC, "IgnoreHostnameAnnotation", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "with-hostame", ["with-hostname.internal"], [ref("default", "test")], accepted(ref("default", "test")), annotations={P + "hostname": "annotation.with-hostname.internal"}),
], [A("with-hostname.internal", "1.2.3.4")], {"ignoreHostnameAnnotation": True, "fqdnTemplates": ["{{.Name}}.template.internal"]})

case("gateway-httproute-fqdn-template", SRC, "FQDNTemplate", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "fqdn-with-hostnames", ["fqdn-with-hostnames.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
    route("default", "fqdn-without-hostnames", None, [ref("default", "test")], accepted(ref("default", "test"))),
], [A("fqdn-without-hostnames.zero.internal", "1.2.3.4"), A("fqdn-without-hostnames.one.internal", "1.2.3.4"), A("fqdn-without-hostnames.two.internal", "1.2.3.4"),
    A("fqdn-with-hostnames.internal", "1.2.3.4")], {"fqdnTemplates": ["{{.Name}}.zero.internal, {{.Name}}.one.internal. ,  {{.Name}}.two.internal  "]})

case("gateway-httproute-combine-fqdn", SRC, "CombineFQDN", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "fqdn-with-hostnames", ["fqdn-with-hostnames.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
], [A("fqdn-with-hostnames.internal", "1.2.3.4"), A("combine-fqdn-with-hostnames.internal", "1.2.3.4")],
    {"fqdnTemplates": ["combine-{{.Name}}.internal"], "combineFqdnAnnotation": True})

case("gateway-httproute-ttl", SRC, "TTL", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "valid-ttl", ["valid-ttl.internal"], [ref("default", "test")], accepted(ref("default", "test")), annotations={P + "ttl": "15s"}),
    route("default", "invalid-ttl", ["invalid-ttl.internal"], [ref("default", "test")], accepted(ref("default", "test")), annotations={P + "ttl": "abc"}),
], [A("invalid-ttl.internal", "1.2.3.4"), A("valid-ttl.internal", "1.2.3.4", ttl=15)])

case("gateway-httproute-provider-annotations", SRC, "ProviderAnnotations", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "provider-annotations", ["provider-annotations.com"], [ref("default", "test")], accepted(ref("default", "test")),
          annotations={P + "set-identifier": "test-set-identifier", P + "alias": "true"}),
], [A("provider-annotations.com", "1.2.3.4")])

case("gateway-httproute-different-hostname-different-gateway", SRC, "DifferentHostnameDifferentGateway", [
    namespace("default"),
    gateway("default", "one", [listener(hostname="*.one.internal")], ["1.2.3.4"]),
    gateway("default", "two", [listener(hostname="*.two.internal")], ["2.3.4.5"]),
    route("default", "test", ["test.one.internal", "test.two.internal"], [ref("default", "one"), ref("default", "two")], accepted(ref("default", "one"), ref("default", "two"))),
], [A("test.one.internal", "1.2.3.4"), A("test.two.internal", "2.3.4.5")])

case("gateway-httproute-allowed-routes-same-namespace", SRC, "AllowedRoutesSameNamespace", [
    namespace("same-namespace"), namespace("other-namespace"),
    gateway("same-namespace", "test", [listener(allowed={"namespaces": {"from": "Same"}})], ["1.2.3.4"]),
    route("same-namespace", "test", ["same-namespace.example.internal"], [ref("same-namespace", "test")], accepted(ref("same-namespace", "test"))),
    route("other-namespace", "test", ["other-namespace.example.internal"], [ref("same-namespace", "test")], accepted(ref("same-namespace", "test"))),
], [A("same-namespace.example.internal", "1.2.3.4")])

case("gateway-httproute-allowed-routes-namespace-selector", SRC, "AllowedRoutesNamespaceSelector", [
    namespace("default"), namespace("foo", {"team": "foo"}), namespace("bar", {"team": "bar"}),
    gateway("default", "test", [listener(allowed={"namespaces": {"from": "Selector", "selector": {"matchLabels": {"team": "foo"}}}})], ["1.2.3.4"]),
    route("foo", "test", ["foo.example.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
    route("bar", "test", ["bar.example.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
], [A("foo.example.internal", "1.2.3.4")])

case("gateway-httproute-missing-namespace", SRC, "MissingNamespace", [
    gateway("default", "test", [listener(allowed={"namespaces": {"from": "Selector", "selector": {"matchLabels": {"foo": "bar"}}}})], ["1.2.3.4"]),
    route("default", "test", ["example.internal"], [ref("default", "test")], accepted(ref("default", "test"))),
], [])

case("gateway-httproute-annotation-override", SRC, "AnnotationOverride", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "overridden-gateway", [listener(allowed=ALL)], ["1.2.3.4"], annotations={P + "target": "4.3.2.1"}),
    route("route-namespace", "test", ["test.example.internal"], [ref("gateway-namespace", "overridden-gateway")], accepted(ref("gateway-namespace", "overridden-gateway"))),
], [A("test.example.internal", "4.3.2.1")], {"gatewayNamespace": "gateway-namespace"})

case("gateway-httproute-multiple-gateways-one-annotation-override", SRC, "MutlipleGatewaysOneAnnotationOverride", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "overridden-gateway", [listener(allowed=ALL)], ["1.2.3.4"], annotations={P + "target": "4.3.2.1"}),
    gateway("gateway-namespace", "test", [listener(allowed=ALL)], ["2.3.4.5"]),
    route("route-namespace", "test", ["test.example.internal"], [ref("gateway-namespace", "overridden-gateway"), ref("gateway-namespace", "test")],
          accepted(ref("gateway-namespace", "overridden-gateway"), ref("gateway-namespace", "test"))),
], [A("test.example.internal", "4.3.2.1", "2.3.4.5")], {"gatewayNamespace": "gateway-namespace"})

case("gateway-httproute-multiple-gateways-multiple-routes", SRC, "MultipleGatewaysMultipleRoutes", [
    namespace("default"),
    gateway("default", "one", [listener()], ["1.2.3.4"]),
    gateway("default", "two", [listener()], ["2.3.4.5"]),
    route("default", "one", ["test.one.internal"], [ref("default", "one")], accepted(ref("default", "one"))),
    route("default", "two", ["test.two.internal"], [ref("default", "two")], accepted(ref("default", "two"))),
], [A("test.one.internal", "1.2.3.4"), A("test.two.internal", "2.3.4.5")])

case("gateway-httproute-no-parent-refs", SRC, "NoParentRefs", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "test", [listener(allowed=ALL)], ["1.2.3.4"]),
    route("route-namespace", "test", ["test.example.internal"], None, accepted(ref("gateway-namespace", "test"))),
], [], {"gatewayNamespace": "gateway-namespace"})

case("gateway-httproute-parent-refs-mismatch", SRC, "ParentRefsMismatch", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "test", [listener(allowed=ALL)], ["1.2.3.4"]),
    route("route-namespace", "test", ["test.example.internal"], [ref("gateway-namespace", "default-gateway")], accepted(ref("gateway-namespace", "other-gateway"))),
], [], {"gatewayNamespace": "gateway-namespace"})

case("gateway-httproute-source-annotation-defined-hosts-only", SRC, "SourceAnnotation", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "test", [listener(allowed=ALL)], ["1.2.3.4"]),
    route("test", "route-test", ["test.example.internal"], [ref("gateway-namespace", "test")], accepted(ref("gateway-namespace", "test")),
          annotations={P + "gateway-hostname-source": "defined-hosts-only", P + "hostname": "test.org.internal"}),
], [A("test.example.internal", "1.2.3.4")], {"gatewayNamespace": "gateway-namespace"})

case("gateway-httproute-source-annotation-annotation-only", SRC, "OnlyAnnotationHost", [
    namespace("gateway-namespace"), namespace("route-namespace"),
    gateway("gateway-namespace", "test", [listener(allowed=ALL)], ["1.2.3.4"]),
    route("test", "route-test", ["test.example.internal"], [ref("gateway-namespace", "test")], accepted(ref("gateway-namespace", "test")),
          annotations={P + "gateway-hostname-source": "annotation-only", P + "hostname": "test.org.internal"}),
], [A("test.org.internal", "1.2.3.4")], {"gatewayNamespace": "gateway-namespace"})

case("gateway-httproute-invalid-source-annotation", SRC, "InvalidSourceAnnotation", [
    namespace("default"),
    gateway("default", "test", [listener()], ["1.2.3.4"]),
    route("default", "invalid-annotation", ["route.invalid.internal"], [ref("default", "test")], accepted(ref("default", "test")),
          annotations={P + "gateway-hostname-source": "invalid-value", P + "hostname": "annotation.invalid.internal"}),
], [A("route.invalid.internal", "1.2.3.4"), A("annotation.invalid.internal", "1.2.3.4")])

# GRPC, TLS, TCP and UDP routes: one test each upstream (hostnames, the hostname annotation and a combined template).
IPS = ["10.64.0.1", "10.64.0.2"]
for kind, protocol, hostnames, expected in [
    ("GRPCRoute", "HTTPS", ["api-hostnames.foobar.internal"], ["api-annotation", "api-hostnames", "api-template"]),
    ("TLSRoute", "TLS", ["api-hostnames.foobar.internal"], ["api-annotation", "api-hostnames", "api-template"]),
    ("TCPRoute", "TCP", None, ["api-annotation", "api-template"]),
    ("UDPRoute", "UDP", None, ["api-annotation", "api-template"]),
]:
    lower = kind.lower()
    case(f"gateway-{lower}", f"source/gateway_{lower}_test.go", f"TestGateway{kind.replace('Route', 'Route')}SourceEndpoints", [
        namespace("default"),
        gateway("default", "internal", [listener(protocol=protocol)], IPS),
        route("default", "api", hostnames, [ref("default", "internal")], accepted(ref("default", "internal")), kind=kind,
              annotations={P + "hostname": "api-annotation.foobar.internal"}),
    ], [A(f"{e}.foobar.internal", *IPS) for e in expected], {"fqdnTemplates": ["{{.Name}}-template.foobar.internal"], "combineFqdnAnnotation": True})

# ---- ListenerSets: source/gateway_listenerset_test.go ---------------------------------------------------------------
LS = "source/gateway_listenerset_test.go"
ALL_LS = {"namespaces": {"from": "All"}}


def listener_set(ns, name, parent, listeners, status=None, parent_ns=None, annotations=None):
    parent_ref = {"name": parent}
    if parent_ns:
        parent_ref["namespace"] = parent_ns
    obj = {"apiVersion": f"{G}/v1", "kind": "ListenerSet", "metadata": meta(ns, name, annotations=annotations),
           "spec": {"parentRef": parent_ref, "listeners": listeners}}
    if status is not None:
        obj["status"] = status
    return obj


def ls_accepted(*names):
    return {"conditions": [{"type": "Accepted", "status": "True"}],
            "listeners": [{"name": n, "conditions": [{"type": "Accepted", "status": "True"}]} for n in names]}


def ls_ref(ns, name, section=None):
    return ref(ns, name, section=section, kind="ListenerSet")


def app_listener(hostname="app.example.com", name="app", port=8080, allowed=ALL):
    return listener(name=name, hostname=hostname, port=port, allowed=allowed)


def base_gateway(ns="default", name="gw", addresses=("10.0.0.1",), allowed=ALL_LS, labels=None, annotations=None):
    return gateway(ns, name, [listener(port=80)], list(addresses), labels=labels, annotations=annotations, allowed_listeners=allowed)


LSO = {"gatewayListenerSets": True}
IPS2 = ("10.64.0.1", "10.64.0.2")

case("gateway-listenerset-parent-ref", LS, "TestGatewayHTTPRouteWithListenerSetParentRef", [
    namespace("default"),
    gateway("default", "my-gateway", [listener(name="base", port=80)], list(IPS2), allowed_listeners=ALL_LS),
    listener_set("default", "my-listenerset", "my-gateway", [app_listener("*.example.com")], ls_accepted("app")),
    route("default", "my-route", ["app.example.com"], [ls_ref("default", "my-listenerset")], accepted(ls_ref("default", "my-listenerset"))),
], [A("app.example.com", *IPS2)], LSO)

case("gateway-listenerset-wildcard-intersection", LS, "TestGatewayHTTPRouteWithListenerSetWildcardHostnameIntersection", [
    namespace("default"),
    gateway("default", "my-gateway", [listener(name="base", port=80)], list(IPS2), allowed_listeners=ALL_LS),
    listener_set("default", "my-listenerset", "my-gateway", [app_listener("*.example.com")], ls_accepted("app")),
    route("default", "my-route", ["sub.domain.example.com"], [ls_ref("default", "my-listenerset")], accepted(ls_ref("default", "my-listenerset"))),
], [A("sub.domain.example.com", *IPS2)], LSO)

case("gateway-listenerset-disabled", LS, "TestGatewayHTTPRouteWithListenerSetDisabled", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener("*.example.com")], ls_accepted("app")),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [])

case("gateway-listenerset-gateway-label-filter", LS, "TestGatewayHTTPRouteWithListenerSetGatewayLabelFilter", [
    namespace("default"),
    base_gateway(name="labels-match", labels={"foo": "bar"}),
    base_gateway(name="labels-dont-match", addresses=("10.0.0.2",), labels={"foo": "qux"}),
    listener_set("default", "ls-match", "labels-match", [app_listener()], ls_accepted("app")),
    listener_set("default", "ls-dont-match", "labels-dont-match", [app_listener()], ls_accepted("app")),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls-match"), ls_ref("default", "ls-dont-match")],
          accepted(ls_ref("default", "ls-match"), ls_ref("default", "ls-dont-match"))),
], [A("app.example.com", "10.0.0.1")], {**LSO, "gatewayLabelFilter": "foo=bar"})

case("gateway-listenerset-route-label-filter", LS, "TestGatewayHTTPRouteWithListenerSetRouteLabelFilter", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener("*.example.com")], ls_accepted("app")),
    route("default", "labels-match", ["labels-match.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls")), labels={"foo": "bar"}),
    route("default", "labels-dont-match", ["labels-dont-match.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls")), labels={"foo": "qux"}),
], [A("labels-match.example.com", "10.0.0.1")], {**LSO, "labelFilter": "foo=bar"})

case("gateway-listenerset-route-not-accepted", LS, "TestGatewayHTTPRouteWithListenerSetNotAccepted", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener()], ls_accepted("app")),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"), status="False")),
], [], LSO)

case("gateway-listenerset-not-allowed-by-gateway", LS, "TestGatewayHTTPRouteWithListenerSetNotAllowedByGateway", [
    namespace("default"),
    base_gateway(allowed=None),
    listener_set("default", "ls", "gw", [app_listener()], ls_accepted("app")),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [], LSO)

case("gateway-listenerset-status-not-accepted", LS, "TestGatewayHTTPRouteWithListenerSetStatusNotAccepted", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener()]),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [], LSO)

case("gateway-listenerset-listener-status-required", LS, "TestGatewayHTTPRouteWithListenerSetListenerStatusRequired", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener()], {"conditions": [{"type": "Accepted", "status": "True"}]}),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls", "app")], accepted(ls_ref("default", "ls", "app"))),
], [], LSO)

case("gateway-listenerset-listener-status-not-accepted", LS, "TestGatewayHTTPRouteWithListenerSetListenerStatusNotAccepted", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener()], {"conditions": [{"type": "Accepted", "status": "True"}],
                                                          "listeners": [{"name": "app", "conditions": [{"type": "Accepted", "status": "False"}]}]}),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls", "app")], accepted(ls_ref("default", "ls", "app"))),
], [], LSO)

case("gateway-listenerset-gateway-target-annotation", LS, "TestGatewayHTTPRouteWithListenerSetTargetAnnotation", [
    namespace("default"),
    base_gateway(annotations={P + "target": "override.example.com"}),
    listener_set("default", "ls", "gw", [app_listener()], ls_accepted("app")),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [("app.example.com", "CNAME", ["override.example.com"])], LSO)

case("gateway-listenerset-allowed-routes-same", LS, "TestGatewayHTTPRouteWithListenerSetAllowedRoutesSame", [
    namespace("default"), namespace("other"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener(allowed=None)], ls_accepted("app")),
    route("other", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [], LSO)

case("gateway-listenerset-section-name", LS, "TestGatewayHTTPRouteWithListenerSetSectionName", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener(), app_listener("api.example.com", name="api", port=8081)], ls_accepted("app", "api")),
    route("default", "rt", ["api.example.com"], [ls_ref("default", "ls", "api")], accepted(ls_ref("default", "ls", "api"))),
], [A("api.example.com", "10.0.0.1")], LSO)

case("gateway-listenerset-cross-namespace-route", LS, "TestGatewayHTTPRouteWithListenerSetCrossNamespaceRoute", [
    namespace("infra"), namespace("apps"),
    base_gateway(ns="infra", name="shared-gw"),
    listener_set("infra", "ls", "shared-gw", [app_listener()], ls_accepted("app")),
    route("apps", "rt", ["app.example.com"], [ls_ref("infra", "ls")], accepted(ls_ref("infra", "ls"))),
], [A("app.example.com", "10.0.0.1")], {**LSO, "gatewayNamespace": "infra"})

SELECTED = {"namespaces": {"from": "Selector", "selector": {"matchLabels": {"listener-set": "enabled"}}}}
case("gateway-listenerset-cross-namespace-selected-by-gateway", LS, "TestGatewayHTTPRouteWithCrossNamespaceListenerSetSelectedByGateway", [
    namespace("infra"), namespace("edge", {"listener-set": "enabled"}), namespace("apps"),
    base_gateway(ns="infra", name="shared-gw", allowed=SELECTED),
    listener_set("edge", "edge-ls", "shared-gw", [app_listener()], ls_accepted("app"), parent_ns="infra"),
    route("apps", "rt", ["app.example.com"], [ls_ref("edge", "edge-ls")], accepted(ls_ref("edge", "edge-ls"))),
], [A("app.example.com", "10.0.0.1")], LSO)

case("gateway-listenerset-cross-namespace-gateway-namespace-set", LS, "TestGatewayHTTPRouteWithCrossNamespaceListenerSetAllowedWhenGatewayNamespaceSet", [
    namespace("infra"), namespace("edge", {"listener-set": "enabled"}), namespace("apps"),
    base_gateway(ns="infra", name="shared-gw", allowed=SELECTED),
    listener_set("edge", "edge-ls", "shared-gw", [app_listener()], ls_accepted("app"), parent_ns="infra"),
    route("apps", "rt", ["app.example.com"], [ls_ref("edge", "edge-ls")], accepted(ls_ref("edge", "edge-ls"))),
], [A("app.example.com", "10.0.0.1")], {**LSO, "gatewayNamespace": "infra"})

case("gateway-listenerset-cross-namespace-gateway-label-filter", LS, "TestGatewayHTTPRouteWithCrossNamespaceListenerSetGatewayLabelFilter", [
    namespace("infra"), namespace("edge"), namespace("apps"),
    base_gateway(ns="infra", name="shared-gw-match", labels={"foo": "bar"}),
    base_gateway(ns="infra", name="shared-gw-dont-match", addresses=("10.0.0.2",), labels={"foo": "qux"}),
    listener_set("edge", "edge-ls-match", "shared-gw-match", [app_listener()], ls_accepted("app"), parent_ns="infra"),
    listener_set("edge", "edge-ls-dont-match", "shared-gw-dont-match", [app_listener()], ls_accepted("app"), parent_ns="infra"),
    route("apps", "rt", ["app.example.com"], [ls_ref("edge", "edge-ls-match"), ls_ref("edge", "edge-ls-dont-match")],
          accepted(ls_ref("edge", "edge-ls-match"), ls_ref("edge", "edge-ls-dont-match"))),
], [A("app.example.com", "10.0.0.1")], {**LSO, "gatewayLabelFilter": "foo=bar"})

case("gateway-listenerset-own-target-annotation", LS, "TestGatewayHTTPRouteWithListenerSetOwnTargetAnnotation", [
    namespace("default"),
    base_gateway(),
    listener_set("default", "ls", "gw", [app_listener()], ls_accepted("app"), annotations={P + "target": "ls-override.example.com"}),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [("app.example.com", "CNAME", ["ls-override.example.com"])], LSO)

case("gateway-listenerset-target-annotation-precedence", LS, "TestGatewayHTTPRouteWithListenerSetTargetAnnotationPrecedence", [
    namespace("default"),
    base_gateway(annotations={P + "target": "gw.example.com"}),
    listener_set("default", "ls", "gw", [app_listener()], ls_accepted("app"), annotations={P + "target": "ls.example.com"}),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [("app.example.com", "CNAME", ["ls.example.com"])], LSO)

case("gateway-listenerset-gateway-not-found", LS, "TestGatewayHTTPRouteWithListenerSetGatewayNotFound", [
    namespace("default"),
    listener_set("default", "ls", "nonexistent", [app_listener()], ls_accepted("app")),
    route("default", "rt", ["app.example.com"], [ls_ref("default", "ls")], accepted(ls_ref("default", "ls"))),
], [], LSO)

# ---- Cases of the issue not covered by one upstream table case (ExternalDns's own) --------------------------------
OWN = "(ExternalDns) the rules of source/gateway.go"
case("gateway-protocols", OWN, "protocol compatibility: HTTP/GRPC on HTTP(S), TLSRoute on TLS only, TCPRoute on TCP or TLS, UDPRoute on UDP", [
    namespace("default"),
    gateway("default", "gw", [listener("HTTPS", name="https", hostname="*.web.internal", port=443), listener("TLS", name="tls", hostname="*.tls.internal", port=8443),
                              listener("TCP", name="tcp", port=9000), listener("UDP", name="udp", port=5353)], ["192.0.2.1"]),
    route("default", "web", ["a.web.internal", "a.tls.internal"], [ref("default", "gw")], accepted(ref("default", "gw"))),
    route("default", "grpc", ["g.web.internal"], [ref("default", "gw")], accepted(ref("default", "gw")), kind="GRPCRoute"),
    route("default", "tls", ["t.tls.internal", "t.web.internal"], [ref("default", "gw")], accepted(ref("default", "gw")), kind="TLSRoute"),
    # On the TLS listener (its hostname) and the TCP listener (the annotation's host; no listener hostname).
    route("default", "tcp", None, [ref("default", "gw")], accepted(ref("default", "gw")), kind="TCPRoute", annotations={P + "hostname": "tcp.other.internal"}),
    route("default", "udp", None, [ref("default", "gw", section="udp")], accepted(ref("default", "gw", section="udp")), kind="UDPRoute",
          annotations={P + "hostname": "dns.other.internal"}),
], [A("a.web.internal", "192.0.2.1"), A("g.web.internal", "192.0.2.1"), A("t.tls.internal", "192.0.2.1"),
    A("*.tls.internal", "192.0.2.1"), A("tcp.other.internal", "192.0.2.1"), A("dns.other.internal", "192.0.2.1")])

case("gateway-allowed-kinds-and-hostnames", OWN, "allowedRoutes kinds and selector expressions; wildcard never matches the apex; IPs and invalid names rejected", [
    namespace("default"), namespace("team-a", {"tier": "web"}), namespace("team-b", {"tier": "db"}),
    gateway("default", "gw", [
        listener(name="grpc-only", hostname="*.grpc.internal", allowed={"namespaces": {"from": "All"}, "kinds": [{"kind": "GRPCRoute"}]}),
        listener(name="web", hostname="*.example.internal",
                 allowed={"namespaces": {"from": "Selector", "selector": {"matchExpressions": [{"key": "tier", "operator": "In", "values": ["web"]}]}}}),
    ], ["192.0.2.7"]),
    route("team-a", "ok", ["app.example.internal", "example.internal", "deep.sub.example.internal", "x.grpc.internal"], [ref("default", "gw")], accepted(ref("default", "gw"))),
    route("team-b", "denied", ["db.example.internal"], [ref("default", "gw")], accepted(ref("default", "gw"))),
    route("team-a", "grpc", ["x.grpc.internal"], [ref("default", "gw")], accepted(ref("default", "gw")), kind="GRPCRoute"),
    route("team-a", "bad-hosts", ["192.0.2.9", "under_score.example.internal", "ok.example.internal"], [ref("default", "gw")], accepted(ref("default", "gw"))),
], [A("app.example.internal", "192.0.2.7"), A("deep.sub.example.internal", "192.0.2.7"), A("x.grpc.internal", "192.0.2.7"), A("ok.example.internal", "192.0.2.7")])
