#!/usr/bin/env python3
"""Differential test: random CIBs within tier1's features, scheduled by
`vigil simulate` and by the installed crm_simulate (Pacemaker), compared
line by line in the conformance format.

usage:
  differential.py VIGIL --seeds A-B [--ratchet FILE] [--minimize] [--show]
  differential.py VIGIL --print SEED          (write the CIB of one seed)

With --ratchet FILE, the seeds listed in FILE must still match (a seed that
matched must keep matching); seeds outside it are reported, not failed.
Every mismatch prints its seed; with --minimize also the smallest CIB
(greedy removal of resources, constraints and history) that still differs.
The generator is seeded and deterministic: a seed always gives the same CIB.
It never emits a loop of order constraints (an invalid configuration:
crm_simulate produces no valid transition for it). A seed counts as refused
only when crm_simulate gives no result; when it shows no resource at all,
its empty list is compared, and when its simulated run of the transition is
cut short (an action waiting forever for a blocked one), its summary and
status after the run are compared and the seed is listed.
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
NORMALIZER = os.path.join(HERE, "..", "..", "..", "shared", "conformance", "scheduler",
                          "normalize_crm_simulate.py")


def order_reaches(cons, start, goal):
    """Whether the order constraints lead from resource start to goal."""
    todo, seen = [start], set()
    while todo:
        x = todo.pop()
        if x == goal:
            return True
        if x in seen:
            continue
        seen.add(x)
        todo.extend(c["then"] for c in cons if c["type"] == "order" and c["first"] == x)
    return False


def generate(seed):
    """A random scenario as plain data (so it can be shrunk)."""
    rng = random.Random(seed)
    nn = rng.randint(2, 4)
    nodes = []
    for i in range(nn):
        state = rng.choices(["online", "online", "online", "standby", "offline", "unclean"],
                            k=1)[0]
        nodes.append({"name": f"node{i + 1}", "state": state})
    if all(n["state"] != "online" for n in nodes):
        nodes[0]["state"] = "online"
    opts = {
        "stonith-enabled": rng.choice(["false", "false", "true"]),
        "no-quorum-policy": rng.choice(["ignore", "ignore", "stop", "freeze"]),
        "symmetric-cluster": rng.choice(["true", "true", "true", "false"]),
        "have-quorum": rng.choice(["1", "1", "1", "0"]),
    }
    if rng.random() < 0.4:
        opts["resource-stickiness"] = str(rng.choice([0, 1, 50, 100, 1000]))
    rscs = []
    for i in range(rng.randint(1, 6)):
        kind = rng.choice(["primitive", "primitive", "group", "clone"])
        meta = {}
        if rng.random() < 0.15:
            meta["target-role"] = "Stopped"
        if rng.random() < 0.1:
            meta["is-managed"] = "false"
        if rng.random() < 0.3:
            meta["migration-threshold"] = str(rng.choice([1, 2, 3]))
        if rng.random() < 0.2:
            meta["resource-stickiness"] = str(rng.choice([0, 10, 200]))
        members = [f"r{i}"] if kind != "group" else [f"g{i}m{j}" for j in range(rng.randint(2, 3))]
        r = {"id": f"r{i}" if kind == "primitive" else (f"g{i}" if kind == "group" else f"c{i}"),
             "kind": kind, "members": members, "meta": meta}
        if kind == "clone":
            r["members"] = [f"p{i}"]
            if rng.random() < 0.5:
                r["meta"]["clone-max"] = str(rng.randint(1, nn))
        rscs.append(r)
    ids = [r["id"] for r in rscs]
    cons = []
    for i in range(rng.randint(0, 5)):
        t = rng.choice(["location", "location", "colocation", "order"])
        a = rng.choice(ids)
        if t == "location":
            cons.append({"type": t, "rsc": a, "node": rng.choice(nodes)["name"],
                         "score": rng.choice(["INFINITY", "-INFINITY", "100", "-100", "10", "0"])})
        else:
            b = rng.choice(ids)
            if a == b:
                continue
            if t == "colocation":
                cons.append({"type": t, "rsc": a, "with": b,
                             "score": rng.choice(["INFINITY", "-INFINITY", "100", "-50"])})
            else:
                c = {"type": t, "first": a, "then": b,
                     "kind": rng.choice(["Mandatory", "Optional"]),
                     "symmetrical": rng.choice(["true", "false"])}
                # Orders that form a loop (a before b before a) are an
                # invalid configuration: crm_simulate refuses the transition.
                if not order_reaches(cons, b, a):
                    cons.append(c)
    history = []  # (node, primitive lrm id, state)
    for r in rscs:
        prims = r["members"]
        if r["kind"] == "clone":
            for n in nodes:
                if rng.random() < 0.5:
                    history.append({"node": n["name"], "rsc": prims[0],
                                    "state": rng.choice(["started", "started", "failed", "stopped"])})
        else:
            where = rng.choice(nodes + [None])
            if where is not None:
                for m in prims:
                    history.append({"node": where["name"], "rsc": m,
                                    "state": rng.choice(["started", "started", "started", "failed",
                                                         "failed-start", "stopped"])})
    fails = []
    for h in history:
        if h["state"].startswith("failed") and rng.random() < 0.7:
            fails.append({"node": h["node"], "rsc": h["rsc"], "count": rng.choice(["1", "2", "INFINITY"]),
                          "op": "start_0" if h["state"] == "failed-start" else "monitor_10000"})
    return {"nodes": nodes, "opts": opts, "rscs": rscs, "cons": cons, "history": history, "fails": fails}


def render(s):
    w = []
    q = "1" if s["opts"]["have-quorum"] == "1" else "0"
    w.append(f'<cib crm_feature_set="3.0.14" validate-with="pacemaker-3.9" epoch="1" num_updates="0" '
             f'admin_epoch="0" have-quorum="{q}" dc-uuid="1">')
    w.append('<configuration><crm_config><cluster_property_set id="opts">')
    for k in ("stonith-enabled", "no-quorum-policy", "symmetric-cluster"):
        w.append(f'<nvpair id="o-{k}" name="{k}" value="{s["opts"][k]}"/>')
    w.append("</cluster_property_set></crm_config><nodes>")
    for i, n in enumerate(s["nodes"]):
        attrs = ""
        if n["state"] == "standby":
            attrs = (f'<instance_attributes id="na{i}"><nvpair id="na{i}-s" name="standby" value="on"/>'
                     f"</instance_attributes>")
        w.append(f'<node id="{i + 1}" uname="{n["name"]}">{attrs}</node>')
    w.append("</nodes><resources>")

    def prim(pid, meta=None):
        m = ""
        if meta:
            m = f'<meta_attributes id="{pid}-meta">' + "".join(
                f'<nvpair id="{pid}-{k}" name="{k}" value="{v}"/>' for k, v in meta.items()) + "</meta_attributes>"
        return (f'<primitive id="{pid}" class="ocf" provider="pacemaker" type="Dummy">{m}<operations>'
                f'<op id="{pid}-mon" name="monitor" interval="10s"/></operations></primitive>')

    for r in s["rscs"]:
        if r["kind"] == "primitive":
            w.append(prim(r["id"], r["meta"]))
        elif r["kind"] == "group":
            m = ""
            if r["meta"]:
                m = f'<meta_attributes id="{r["id"]}-meta">' + "".join(
                    f'<nvpair id="{r["id"]}-{k}" name="{k}" value="{v}"/>' for k, v in r["meta"].items()) + \
                    "</meta_attributes>"
            w.append(f'<group id="{r["id"]}">{m}' + "".join(prim(p) for p in r["members"]) + "</group>")
        else:
            m = ""
            if r["meta"]:
                m = f'<meta_attributes id="{r["id"]}-meta">' + "".join(
                    f'<nvpair id="{r["id"]}-{k}" name="{k}" value="{v}"/>' for k, v in r["meta"].items()) + \
                    "</meta_attributes>"
            w.append(f'<clone id="{r["id"]}">{prim(r["members"][0])}{m}</clone>')
    w.append("</resources>")
    if "resource-stickiness" in s["opts"]:
        w.append('<rsc_defaults><meta_attributes id="rd"><nvpair id="rd-s" name="resource-stickiness" '
                 f'value="{s["opts"]["resource-stickiness"]}"/></meta_attributes></rsc_defaults>')
    w.append("<constraints>")
    for i, c in enumerate(s["cons"]):
        if c["type"] == "location":
            w.append(f'<rsc_location id="loc{i}" rsc="{c["rsc"]}" node="{c["node"]}" score="{c["score"]}"/>')
        elif c["type"] == "colocation":
            w.append(f'<rsc_colocation id="col{i}" rsc="{c["rsc"]}" with-rsc="{c["with"]}" score="{c["score"]}"/>')
        else:
            w.append(f'<rsc_order id="ord{i}" first="{c["first"]}" then="{c["then"]}" kind="{c["kind"]}" '
                     f'symmetrical="{c["symmetrical"]}"/>')
    w.append("</constraints></configuration><status>")
    for i, n in enumerate(s["nodes"]):
        if n["state"] == "offline":
            w.append(f'<node_state id="{i + 1}" uname="{n["name"]}" in_ccm="false" crmd="offline" '
                     f'join="down" expected="down">')
        elif n["state"] == "unclean":
            w.append(f'<node_state id="{i + 1}" uname="{n["name"]}" in_ccm="false" crmd="offline" '
                     f'join="member" expected="member">')
        else:
            w.append(f'<node_state id="{i + 1}" uname="{n["name"]}" in_ccm="true" crmd="online" '
                     f'join="member" expected="member">')
        fails = [f for f in s["fails"] if f["node"] == n["name"]]
        if fails:
            w.append(f'<transient_attributes id="t{i}"><instance_attributes id="ta{i}">')
            for j, f in enumerate(fails):
                w.append(f'<nvpair id="fc{i}-{j}" name="fail-count-{f["rsc"]}#{f["op"]}" value="{f["count"]}"/>')
            w.append("</instance_attributes></transient_attributes>")
        w.append(f'<lrm id="{i + 1}"><lrm_resources>')
        call = 10
        for h in s["history"]:
            if h["node"] != n["name"]:
                continue
            rid = h["rsc"]
            w.append(f'<lrm_resource id="{rid}" class="ocf" provider="pacemaker" type="Dummy">')
            call += 1
            if h["state"] == "stopped":
                w.append(f'<lrm_rsc_op id="{rid}_last_0" operation_key="{rid}_monitor_0" operation="monitor" '
                         f'transition-key="1:0:7:x" transition-magic="0:7;1:0:7:x" rc-code="7" op-status="0" '
                         f'call-id="{call}" interval="0" last-rc-change="1000" exec-time="1" queue-time="0" '
                         f'op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8" crm_feature_set="3.0.6"/>')
            elif h["state"] == "failed-start":
                w.append(f'<lrm_rsc_op id="{rid}_last_0" operation_key="{rid}_start_0" operation="start" '
                         f'transition-key="2:0:0:x" transition-magic="0:1;2:0:0:x" rc-code="1" op-status="0" '
                         f'call-id="{call}" interval="0" last-rc-change="1000" exec-time="1" queue-time="0" '
                         f'op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8" crm_feature_set="3.0.6"/>')
            else:
                w.append(f'<lrm_rsc_op id="{rid}_last_0" operation_key="{rid}_start_0" operation="start" '
                         f'transition-key="2:0:0:x" transition-magic="0:0;2:0:0:x" rc-code="0" op-status="0" '
                         f'call-id="{call}" interval="0" last-rc-change="1000" exec-time="1" queue-time="0" '
                         f'op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8" crm_feature_set="3.0.6"/>')
                if h["state"] == "failed":
                    call += 1
                    w.append(f'<lrm_rsc_op id="{rid}_last_failure_0" operation_key="{rid}_monitor_10000" '
                             f'operation="monitor" transition-key="3:0:0:x" transition-magic="0:1;3:0:0:x" '
                             f'rc-code="1" op-status="0" call-id="{call}" interval="10000" '
                             f'last-rc-change="1000" exec-time="1" queue-time="0"/>')
            w.append("</lrm_resource>")
        w.append("</lrm_resources></lrm></node_state>")
    w.append("</status></cib>")
    return "\n".join(w) + "\n"


def lines_of(text):
    out = [" ".join(line.split()) for line in text.splitlines()]
    return sorted(line for line in out if line.startswith(("placement ", "action ")))


def with_resource_lists(xml_bytes):
    """crm_simulate's XML leaves out a status's resource list when it shows
    no resource at all ("No resources" in its text output); the normalizer
    needs the list, so an empty one stands in for it."""
    root = ET.fromstring(xml_bytes)
    for status in ("cluster_status", "revised_cluster_status"):
        for el in root.findall(status):
            if el.find("resources") is None:
                ET.SubElement(el, "resources")
    return ET.tostring(root)


def terminated_result(xml_bytes):
    """crm_simulate exits with an error when its simulated run of the
    transition cannot finish ("Transition failed: terminated": an action
    waits for one that can never run, such as a blocked start). Its
    scheduler results, the transition summary and the status after the
    run, are still complete: the result without the error status, or None
    when it has no status after the run."""
    try:
        root = ET.fromstring(xml_bytes)
    except ET.ParseError:
        return None
    if root.find("revised_cluster_status") is None or root.find("transition") is None:
        return None
    for el in root.findall("status"):
        root.remove(el)
    return ET.tostring(root)


def run_both(vigil, xml_text, tmp):
    path = os.path.join(tmp, "cib.xml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(xml_text)
    env = dict(os.environ, CIB_shadow_dir=tmp, LC_ALL="C")
    env.pop("CONFORMANCE_NOW", None)
    sim = subprocess.run(["crm_simulate", "-S", "-x", path, "--output-as=xml"], capture_output=True,
                         env=env, timeout=120)
    ours = subprocess.run([vigil, "simulate", "--placement", "--actions", "--xml-file", path],
                          capture_output=True, text=True, timeout=120)
    result, terminated = sim.stdout, False
    if sim.returncode != 0:
        result, terminated = terminated_result(sim.stdout), True
        if result is None:
            return None, None, False  # Pacemaker itself refused: not a usable case
    ref = subprocess.run([sys.executable, NORMALIZER], input=with_resource_lists(result),
                         capture_output=True, env=env, timeout=120)
    if ref.returncode != 0:
        return None, None, False
    ref.stdout = ref.stdout.decode()
    return lines_of(ref.stdout), (lines_of(ours.stdout) if ours.returncode == 0 else
                                  ["<error> " + ours.stderr.strip()]), terminated


def shrink(vigil, s, tmp, budget=60):
    """Greedy removal while the outputs still differ."""
    def differs(cand):
        ref, ours, _ = run_both(vigil, render(cand), tmp)
        return ref is not None and ref != ours

    changed = True
    while changed and budget > 0:
        changed = False
        for key in ("cons", "fails", "history", "rscs"):
            i = 0
            while i < len(s[key]) and budget > 0:
                cand = dict(s)
                cand[key] = s[key][:i] + s[key][i + 1:]
                if key == "rscs":
                    gone = s[key][i]["id"]
                    cand["cons"] = [c for c in cand["cons"] if gone not in
                                    (c.get("rsc"), c.get("with"), c.get("first"), c.get("then"))]
                budget -= 1
                if differs(cand):
                    s = cand
                    changed = True
                else:
                    i += 1
    return s


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    vigil = sys.argv[1]
    if "--print" in sys.argv:
        sys.stdout.write(render(generate(int(sys.argv[sys.argv.index("--print") + 1]))))
        return 0
    if shutil.which("crm_simulate") is None:
        print("FAIL: crm_simulate is not installed (package pacemaker-cli-utils)")
        return 1
    if not os.access(vigil, os.X_OK):
        print(f"FAIL: {vigil} is not an executable")
        return 1
    lo, hi = (int(x) for x in sys.argv[sys.argv.index("--seeds") + 1].split("-"))
    ratchet = set()
    if "--ratchet" in sys.argv:
        with open(sys.argv[sys.argv.index("--ratchet") + 1], encoding="utf-8") as f:
            ratchet = {int(x) for x in f.read().split() if x.isdigit()}
    minimize = "--minimize" in sys.argv
    show = "--show" in sys.argv
    matched, mismatched, unusable, regressions, cut_short = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="vigil-diff-") as tmp:
        for seed in range(lo, hi + 1):
            s = generate(seed)
            ref, ours, terminated = run_both(vigil, render(s), tmp)
            if ref is None:
                unusable.append(seed)
                continue
            if terminated:
                cut_short.append(seed)
            if ref == ours:
                matched.append(seed)
                continue
            mismatched.append(seed)
            if seed in ratchet:
                regressions.append(seed)
            print(f"mismatch: seed {seed}")
            if show:
                for line in sorted(set(ref) - set(ours)):
                    print(f"  - {line}")
                for line in sorted(set(ours) - set(ref)):
                    print(f"  + {line}")
            if minimize:
                small = shrink(vigil, s, tmp)
                print(f"  smallest CIB for seed {seed}:")
                print(render(small))
    total = len(matched) + len(mismatched)
    print(f"differential: {len(matched)}/{total} seeds match crm_simulate "
          f"(seeds {lo}-{hi}, {len(unusable)} refused by crm_simulate; "
          f"{len(cut_short)} compared although crm_simulate's run of the transition "
          f"was cut short{': ' + ' '.join(map(str, cut_short)) if cut_short else ''})")
    print("matching seeds: " + " ".join(str(x) for x in matched))
    for seed in regressions:
        print(f"FAIL: seed {seed} matched before (ratchet) and no longer does")
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
