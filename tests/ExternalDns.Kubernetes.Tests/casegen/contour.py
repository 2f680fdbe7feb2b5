"""Golden cases for contour-httpproxy, ported from upstream source/contour_httpproxy_test.go (run: python3 contour.py).
Upstream's "invalid annotation filter expression is silently ignored" is not ported: here an --annotation-filter that
does not parse is rejected at start (exit code 2, naming the flag)."""
from common import P, case, meta

SRC = "source/contour_httpproxy_test.go"


def proxy(name, host=None, ns="testing", ips=(), hostnames=(), annotations=None, delegate=False):
    lb = [{"ip": i} for i in ips] + [{"hostname": h} for h in hostnames]
    spec = {} if delegate else {"virtualhost": {"fqdn": host or ""}}
    return {"apiVersion": "projectcontour.io/v1", "kind": "HTTPProxy", "metadata": meta(ns, name, annotations=annotations), "spec": spec,
            "status": {"loadBalancer": {"ingress": lb}}}


def A(name, *t, ttl=0):
    return (name, "A", list(t), ttl)


def C(name, *t, ttl=0):
    return (name, "CNAME", list(t), ttl)


T1 = "TestHTTPProxy/endpointsFromHTTPProxy"
case("contour-httpproxy-config", SRC, f"{T1}: one rule.host one lb.hostname, one lb.IP, two lb.IP and two lb.Hostname, no rule.host, no targets, delegate httpproxy, provider-specific annotation",
     [proxy("lb-hostname", "foo.bar", hostnames=["lb.com"]), proxy("lb-ip", "foo2.bar", ips=["8.8.8.8"]),
      proxy("two-and-two", "foo3.bar", ips=["8.8.8.8", "127.0.0.1"], hostnames=["elb.com", "alb.com"]),
      proxy("no-host"), proxy("no-targets", "foo5.bar"), proxy("delegate", delegate=True, ips=["8.8.8.8"]),
      proxy("provider-specific", "foo7.bar", ips=["8.8.8.8"], annotations={P + "aws-weight": "10"})],
     [C("foo.bar", "lb.com"), A("foo2.bar", "8.8.8.8"), A("foo3.bar", "8.8.8.8", "127.0.0.1"), C("foo3.bar", "elb.com", "alb.com"), A("foo7.bar", "8.8.8.8")])

T2 = "TestHTTPProxy/Endpoints"
LB = {"ips": ["8.8.8.8"], "hostnames": ["lb.com"]}
case("contour-httpproxy-two-simple", SRC, f"{T2}: two simple httpproxys; on different namespaces",
     [proxy("fake1", "example.org", **LB), proxy("fake2", "new.org", ns="testing2", **LB)],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com"), A("new.org", "8.8.8.8"), C("new.org", "lb.com")])
case("contour-httpproxy-target-namespace", SRC, f"{T2}: two simple httpproxys on different namespaces and a target namespace",
     [proxy("fake1", "example.org", ns="testing1", **LB), proxy("fake2", "new.org", ns="testing2", **LB)],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com")], {"namespace": "testing1"})
case("contour-httpproxy-annotation-filter-expression", SRC, f"{T2}: valid matching and non-matching annotation filter expression",
     [proxy("fake1", "example.org", ips=["8.8.8.8"], annotations={"contour.heptio.com/ingress.class": "contour"}),
      proxy("fake2", "tectonic.org", ips=["8.8.8.8"], annotations={"contour.heptio.com/ingress.class": "tectonic"})],
     [A("example.org", "8.8.8.8")], {"annotationFilter": "contour.heptio.com/ingress.class in (alb, contour)"})
case("contour-httpproxy-annotation-filter-label", SRC, f"{T2}: valid matching and non-matching annotation filter label",
     [proxy("fake1", "example.org", ips=["8.8.8.8"], annotations={"contour.heptio.com/ingress.class": "contour"}),
      proxy("fake2", "alb.org", ips=["8.8.8.8"], annotations={"contour.heptio.com/ingress.class": "alb"})],
     [A("example.org", "8.8.8.8")], {"annotationFilter": "contour.heptio.com/ingress.class=contour"})
case("contour-httpproxy-controller", SRC, f"{T2}: our controller type is dns-controller; different controller types are ignored; another controller annotation skipped even with template; template for httpproxy if host is missing",
     [proxy("fake1", "example.org", ips=["8.8.8.8"], annotations={P + "controller": "dns-controller"}),
      proxy("fake2", "other.org", ips=["8.8.8.8"], annotations={P + "controller": "some-other-tool"}),
      proxy("fake3", "", ips=["8.8.8.8"], annotations={P + "controller": "other-controller"}),
      proxy("fake4", "", ips=["8.8.8.8"], hostnames=["elb.com"], annotations={P + "controller": "dns-controller"})],
     [A("example.org", "8.8.8.8"), A("fake4.ext-dns.test.com", "8.8.8.8"), C("fake4.ext-dns.test.com", "elb.com")], {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
case("contour-httpproxy-multiple-template-hostnames", SRC, f"{T2}: multiple FQDN template hostnames",
     [proxy("fake1", "", ips=["8.8.8.8"])],
     [A("fake1.ext-dns.test.com", "8.8.8.8"), A("fake1.ext-dna.test.com", "8.8.8.8")], {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com, {{.Name}}.ext-dna.test.com"]})
case("contour-httpproxy-multiple-template-hostnames-combined", SRC, f"{T2}: multiple FQDN template hostnames (combined)",
     [proxy("fake1", "", ips=["8.8.8.8"]), proxy("fake2", "example.org", ips=["8.8.8.8"], annotations={P + "target": "httpproxy-target.com"})],
     [A("fake1.ext-dns.test.com", "8.8.8.8"), A("fake1.ext-dna.test.com", "8.8.8.8"), C("example.org", "httpproxy-target.com"),
      C("fake2.ext-dns.test.com", "httpproxy-target.com"), C("fake2.ext-dna.test.com", "httpproxy-target.com")],
     {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com, {{.Name}}.ext-dna.test.com"], "combineFqdnAnnotation": True})
case("contour-httpproxy-annotations", SRC, f"{T2}: httpproxy rules with annotation; with hostname annotation (one, several); with hostname and target annotation",
     [proxy("fake1", "example.org", ips=["8.8.8.8"], annotations={P + "target": "httpproxy-target.com"}),
      proxy("fake2", "example2.org", ips=["8.8.8.8"], annotations={P + "target": "httpproxy-target.com"}),
      proxy("fake3", "example3.org", ips=["8.8.8.8"], annotations={P + "target": "1.2.3.4"}),
      proxy("fake4", "example4.org", ips=["1.2.3.4"], annotations={P + "hostname": "dns-through-hostname.com"}),
      proxy("fake5", "example5.org", ips=["1.2.3.4"], annotations={P + "hostname": "dns5-through-hostname.com, another-dns-through-hostname.com"}),
      proxy("fake6", "example6.org", annotations={P + "hostname": "dns6-through-hostname.com", P + "target": "httpproxy-target.com"})],
     [C("example.org", "httpproxy-target.com"), C("example2.org", "httpproxy-target.com"), A("example3.org", "1.2.3.4"),
      A("example4.org", "1.2.3.4"), A("dns-through-hostname.com", "1.2.3.4"), A("example5.org", "1.2.3.4"), A("dns5-through-hostname.com", "1.2.3.4"),
      A("another-dns-through-hostname.com", "1.2.3.4"), C("example6.org", "httpproxy-target.com"), C("dns6-through-hostname.com", "httpproxy-target.com")])
case("contour-httpproxy-custom-ttl", SRC, f"{T2}: httpproxy rules with annotation and custom TTL",
     [proxy("fake1", "example.org", ips=["8.8.8.8"], annotations={P + "target": "httpproxy-target.com", P + "ttl": "6"}),
      proxy("fake2", "example2.org", ips=["8.8.8.8"], annotations={P + "target": "httpproxy-target.com", P + "ttl": "1"}),
      proxy("fake3", "example3.org", ips=["8.8.8.8"], annotations={P + "target": "httpproxy-target.com", P + "ttl": "10s"})],
     [C("example.org", "httpproxy-target.com", ttl=6), C("example2.org", "httpproxy-target.com", ttl=1), C("example3.org", "httpproxy-target.com", ttl=10)])
case("contour-httpproxy-template-with-annotation", SRC, f"{T2}: template for httpproxy with annotation; httpproxy with empty annotation",
     [proxy("fake1", "", annotations={P + "target": "httpproxy-target.com"}), proxy("fake2", "", annotations={P + "target": "httpproxy-target.com"}),
      proxy("fake3", "", annotations={P + "target": "1.2.3.4"}), proxy("fake4", "", annotations={P + "target": ""})],
     [C("fake1.ext-dns.test.com", "httpproxy-target.com"), C("fake2.ext-dns.test.com", "httpproxy-target.com"), A("fake3.ext-dns.test.com", "1.2.3.4")],
     {"fqdnTemplates": ["{{.Name}}.ext-dns.test.com"]})
case("contour-httpproxy-ignore-hostname-annotation", SRC, f"{T2}: ignore hostname annotations (with a template, as the CLI requires; the proxies have an fqdn, so it does not run)",
     [proxy("fake1", "example.org", annotations={P + "hostname": "ignore.me"}, **LB), proxy("fake2", "new.org", annotations={P + "hostname": "ignore.me.too"}, **LB)],
     [A("example.org", "8.8.8.8"), C("example.org", "lb.com"), A("new.org", "8.8.8.8"), C("new.org", "lb.com")],
     {"ignoreHostnameAnnotation": True, "fqdnTemplates": ["{{.Name}}.template.test.com"]})
case("contour-httpproxy-label-filter", SRC, "TestContourHTTPProxyLabelFilter: only proxies whose labels match",
     [dict(proxy("match", "match.example.org", ips=["8.8.8.8"]), metadata=meta("testing", "match", {"app": "web"})),
      dict(proxy("other", "other.example.org", ips=["8.8.8.8"]), metadata=meta("testing", "other", {"app": "db"}))],
     [A("match.example.org", "8.8.8.8")], {"labelFilter": "app=web"})
