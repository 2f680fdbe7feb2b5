"""Helpers that write golden cases (testdata/<case>/input.yaml, options.json) ported from upstream's table tests.

Each case also records upstream's expected endpoints (name, type, targets, ttl) in the comment at the top of
input.yaml; check.py compares them with expected.json after `UPDATE_GOLDEN=1 dotnet test`.
"""
import json
import os
import yaml

TESTDATA = os.path.join(os.path.dirname(__file__), "..", "testdata")
P = "external-dns.kubernetes.io/"


def meta(ns, name, labels=None, annotations=None):
    m = {"name": name}
    if ns is not None:
        m["namespace"] = ns
    if labels:
        m["labels"] = labels
    if annotations:
        m["annotations"] = annotations
    return m


def namespace(name, labels=None):
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": meta(None, name, labels)}


def case(name, source, upstream, objects, expected, options=None):
    """expected: list of (dnsName, recordType, [targets], ttl) as upstream's table test states them."""
    d = os.path.join(TESTDATA, name)
    os.makedirs(d, exist_ok=True)
    lines = [f"# Ported from upstream {source}: {upstream}.", "# Upstream's expected endpoints:"]
    if not expected:
        lines.append("#   (none)")
    for e in expected:
        n, t, targets, ttl = (list(e) + [0])[:4]
        lines.append(f"#   {n} {t} {','.join(targets)}" + (f" ttl={ttl}" if ttl else ""))
    body = yaml.safe_dump_all(objects, sort_keys=False, default_flow_style=False, width=200)
    with open(os.path.join(d, "input.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n" + body)
    opt = os.path.join(d, "options.json")
    if options:
        with open(opt, "w") as f:
            json.dump(options, f, indent=2)
            f.write("\n")
    elif os.path.exists(opt):
        os.remove(opt)
    with open(os.path.join(d, "upstream.json"), "w") as f:
        json.dump([{"dnsName": e[0], "recordType": e[1], "targets": sorted(e[2]), "ttl": (list(e) + [0, 0])[3]} for e in expected], f, indent=2)
        f.write("\n")
