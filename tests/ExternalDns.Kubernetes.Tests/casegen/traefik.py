"""Golden cases for traefik-proxy, ported from upstream source/traefik_proxy_test.go (run: python3 traefik.py).

Upstream's tables run one object each with --namespace=traefik and --annotation-filter=kubernetes.io/ingress.class=traefik;
cases with the same flags are grouped here, one object per upstream case (each keeps its own name and label).
"""
from common import P, case, meta

NS = "traefik"
BASE = {"namespace": NS, "annotationFilter": "kubernetes.io/ingress.class=traefik"}
# --ignore-hostname-annotation needs --fqdn-template here (as the CLI enforces); these objects have records of their
# own, so the template does not run and upstream's expectations are unchanged.
IGNORE = {**BASE, "ignoreHostnameAnnotation": True, "fqdnTemplates": ["{{.Name}}.template.example.com"]}
SRC = "source/traefik_proxy_test.go"


def route(kind, name, annotations=None, matches=None, group="traefik.io", labels=None, ns=NS, with_class=True):
    ann = dict(annotations or {})
    if with_class:
        ann["kubernetes.io/ingress.class"] = "traefik"
    obj = {"apiVersion": f"{group}/v1alpha1", "kind": kind, "metadata": meta(ns, name, labels, ann)}
    if matches is not None:
        obj["spec"] = {"routes": [{"match": m, "kind": "Rule"} for m in matches]}
    return obj


def C(name):
    return (name, "CNAME", ["target.domain.tld"])


T = {P + "target": "target.domain.tld"}


def tables(kind, group, prefix, upstream_test, host_fn, annotation_name_suffix):
    case(f"traefik-{prefix}", SRC, f"{upstream_test}: hostname annotation, host rules, several rules and arguments, annotation plus rules, wildcard omitted", [
        route(kind, f"{annotation_name_suffix}-annotation", {P + "hostname": "a.example.com", **T}, group=group),
        route(kind, f"{annotation_name_suffix}-host-match", T, [host_fn("b.example.com")], group=group),
        *([route(kind, f"{annotation_name_suffix}-hostheader-match", T, ["HostHeader(`c.example.com`)"], group=group)] if kind == "IngressRoute" else []),
        route(kind, f"{annotation_name_suffix}-multi-host-match", T, [f"{host_fn('d.example.com')} || {host_fn('e.example.com')}"], group=group),
        route(kind, f"{annotation_name_suffix}-multi-host-annotations-match", {P + "hostname": "f.example.com", **T},
              [host_fn("g.example.com", "h.example.com")], group=group),
        route(kind, f"{annotation_name_suffix}-omit-wildcard-host", T, [host_fn("*")], group=group),
    ], [C("a.example.com"), C("b.example.com"), *([C("c.example.com")] if kind == "IngressRoute" else []), C("d.example.com"), C("e.example.com"),
        C("f.example.com"), C("g.example.com"), C("h.example.com")],
        {**BASE, "traefikEnableLegacy": group == "traefik.containo.us"})
    case(f"traefik-{prefix}-ignore-hostname-annotation", SRC, f"{upstream_test}: ignoring annotation", [
        route(kind, f"{annotation_name_suffix}-multi-host-annotations-match", {P + "hostname": "f.example.com", **T},
              [host_fn("g.example.com", "h.example.com")], group=group),
    ], [C("g.example.com"), C("h.example.com")], {**IGNORE, "traefikEnableLegacy": group == "traefik.containo.us"})


def host(*hosts):
    return "Host(" + ", ".join(f"`{h}`" for h in hosts) + ")"


def sni(*hosts):
    return "HostSNI(" + ", ".join(f"`{h}`" for h in hosts) + ")"


tables("IngressRoute", "traefik.io", "ingressroute", "TestTraefikProxyIngressRouteEndpoints", host, "ingressroute")
tables("IngressRouteTCP", "traefik.io", "ingressroutetcp", "TestTraefikProxyIngressRouteTCPEndpoints", sni, "ingressroutetcp")
tables("IngressRoute", "traefik.containo.us", "legacy-ingressroute", "TestTraefikProxyOldIngressRouteEndpoints", host, "ingressroute")
tables("IngressRouteTCP", "traefik.containo.us", "legacy-ingressroutetcp", "TestTraefikProxyOldIngressRouteTCPEndpoints", sni, "ingressroutetcp")

for group, prefix, test, legacy in [("traefik.io", "ingressrouteudp", "TestTraefikProxyIngressRouteUDPEndpoints", False),
                                    ("traefik.containo.us", "legacy-ingressrouteudp", "TestTraefikProxyOldIngressRouteUDPEndpoints", True)]:
    case(f"traefik-{prefix}", SRC, f"{test}: hostname annotation, several hostnames in it", [
        route("IngressRouteUDP", "ingressrouteudp-annotation", {P + "hostname": "a.example.com", **T}, group=group),
        route("IngressRouteUDP", "ingressrouteudp-multi-annotation", {P + "hostname": "a.example.com, b.example.com", **T}, group=group, ns="traefik"),
    ], [C("a.example.com"), C("b.example.com")], {**BASE, "traefikEnableLegacy": legacy})
    case(f"traefik-{prefix}-ignore-hostname-annotation", SRC, f"{test}: ignoring hostname annotation", [
        route("IngressRouteUDP", "ingressrouteudp-annotation", {P + "hostname": "a.example.com", **T}, group=group),
    ], [], {**IGNORE, "traefikEnableLegacy": legacy})

case("traefik-label-filter", SRC, "TestTraefikProxyIngressRouteEndpoints: IngressRoute with matching / non-matching label filter", [
    route("IngressRoute", "ingressroute-label-match", {P + "hostname": "label.example.com", **T}, labels={"app": "test"}),
    route("IngressRoute", "ingressroute-label-no-match", {P + "hostname": "label-no.example.com", **T}, labels={"app": "other"}),
], [C("label.example.com")], {**BASE, "labelFilter": "app=test"})

case("traefik-provider-specific", SRC, "TestTraefikProxyIngressRouteEndpoints: IngressRoute with provider-specific annotation", [
    route("IngressRoute", "ingressroute-provider-specific", {P + "hostname": "a.example.com", **T, P + "aws-weight": "10"}),
], [C("a.example.com")], BASE)

for title, legacy, disable_new, expected_legacy, expected_new in [
    ("legacy group enabled", True, False, True, True),
    ("legacy group disabled", False, False, False, True),
    ("new group disabled", True, True, True, False),
]:
    slug = title.replace(" ", "-")
    case(f"traefik-api-groups-{slug}", SRC, f"TestTraefikAPIGroupFlags: IngressRoute.traefik.containo.us and IngressRoute.traefik.io with the {title}", [
        route("IngressRoute", "ingressroute-annotation", {P + "hostname": "legacy.example.com", **T}, group="traefik.containo.us"),
        route("IngressRoute", "ingressroute-annotation", {P + "hostname": "new.example.com", **T}, group="traefik.io"),
    ], ([C("legacy.example.com")] if expected_legacy else []) + ([C("new.example.com")] if expected_new else []),
        {**BASE, "traefikEnableLegacy": legacy, "traefikDisableNew": disable_new})

# ExternalDns's own: the rule parser on what Traefik users write, and an IngressRoute without a target annotation.
case("traefik-rules-and-no-target", "(ExternalDns) the rules of source/traefik_proxy.go",
     "HostRegexp ignored, spaces inside calls, PathPrefix combinations; no target annotation publishes nothing (a notice says why)", [
    route("IngressRoute", "rules", T, ["Host(`app.example.com`) && PathPrefix(`/api`)", "HostRegexp(`^.+\\.example\\.com$`)",
                                       "Host( `spaced.example.com` ) || HostHeader(`hh.example.com`,`hh2.example.com`)", "Path(`/only`)"]),
    route("IngressRoute", "no-target", None, ["Host(`lonely.example.com`)"]),
    route("IngressRouteTCP", "tcp-ip-target", {P + "target": "192.0.2.40, 2001:db8::40"}, ["HostSNI(`db.example.com`)"]),
], [C("app.example.com"), C("spaced.example.com"), C("hh.example.com"), C("hh2.example.com"),
    ("db.example.com", "A", ["192.0.2.40"]), ("db.example.com", "AAAA", ["2001:db8::40"])], BASE)
