#!/usr/bin/env python3
"""Generates a synthetic CIB for scheduler benchmarks.

usage: gen_cib.py NODES RESOURCES [--running] [--no-probes] [--seed N] > cib.xml

Resources come as groups of 3, cloned primitives and plain primitives, with
location, order and colocation constraints. Without --running the status
section has every node online and nothing running (so every resource is
probed everywhere); with --running every resource runs on some node and a
few have failed monitors and fail counts. --no-probes sets the cluster
option enable-startup-probes=false (no probes of resources whose state on a
node is unknown).
"""
import random
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    nodes, count = int(args[0]), int(args[1])
    running = "--running" in sys.argv
    no_probes = "--no-probes" in sys.argv
    seed = 1
    if "--seed" in sys.argv:
        seed = int(sys.argv[sys.argv.index("--seed") + 1])
    rng = random.Random(seed)
    names = [f"node{i + 1}" for i in range(nodes)]
    out = []
    w = out.append
    w('<cib crm_feature_set="3.16.2" validate-with="pacemaker-3.9" epoch="1" num_updates="0" '
      'admin_epoch="0" have-quorum="1" dc-uuid="1">')
    w('<configuration><crm_config><cluster_property_set id="opts">'
      '<nvpair id="o1" name="stonith-enabled" value="false"/>'
      '<nvpair id="o2" name="no-quorum-policy" value="ignore"/>' +
      ('<nvpair id="o3" name="enable-startup-probes" value="false"/>' if no_probes else '') +
      '</cluster_property_set></crm_config>')
    w("<nodes>")
    for i, n in enumerate(names):
        w(f'<node id="{i + 1}" uname="{n}"/>')
    w("</nodes><resources>")
    prims = []  # (primitive id, clone id or None, index of its top-level resource)
    tops = []
    made = 0
    k = 0
    while made < count:
        kind = k % 5
        k += 1
        if kind in (0, 1) and made + 3 <= count:
            gid = f"grp{k}"
            w(f'<group id="{gid}">')
            for j in range(3):
                pid = f"{gid}-m{j}"
                w(f'<primitive id="{pid}" class="ocf" provider="pacemaker" type="Dummy">'
                  f'<operations><op id="{pid}-mon" name="monitor" interval="10s"/></operations></primitive>')
                prims.append((pid, None, len(tops)))
            w("</group>")
            tops.append(gid)
            made += 3
        elif kind == 2:
            cid = f"cl{k}"
            pid = f"clp{k}"
            w(f'<clone id="{cid}"><primitive id="{pid}" class="ocf" provider="pacemaker" type="Dummy"/>'
              f'<meta_attributes id="{cid}-meta"><nvpair id="{cid}-max" name="clone-max" '
              f'value="{max(1, nodes // 2)}"/></meta_attributes></clone>')
            prims.append((pid, cid, len(tops)))
            tops.append(cid)
            made += 1
        else:
            pid = f"rsc{k}"
            w(f'<primitive id="{pid}" class="ocf" provider="pacemaker" type="Dummy"/>')
            prims.append((pid, None, len(tops)))
            tops.append(pid)
            made += 1
    w("</resources><constraints>")
    for i, t in enumerate(tops):
        if i % 3 == 0:
            w(f'<rsc_location id="loc{i}" rsc="{t}" node="{rng.choice(names)}" score="{rng.randint(1, 200)}"/>')
        if i % 7 == 1 and i > 0:
            w(f'<rsc_order id="ord{i}" first="{tops[i - 1]}" then="{t}" kind="Optional"/>')
        if i % 11 == 2 and i > 1 and not t.startswith("cl") and not tops[i - 2].startswith("cl"):
            w(f'<rsc_colocation id="col{i}" rsc="{t}" with-rsc="{tops[i - 2]}" score="100"/>')
    w("</constraints></configuration><status>")
    for i, n in enumerate(names):
        w(f'<node_state id="{i + 1}" uname="{n}" in_ccm="true" crmd="online" join="member" expected="member">')
        attrs = []
        lrm = []
        if running:
            for j, (pid, cid, top) in enumerate(prims):
                # Group members together on their group's node; clone
                # instances on the first half of the nodes.
                here = (top % nodes) == i if cid is None else i < max(1, nodes // 2)
                rc_fail = here and j % 97 == 5
                lid = pid
                if here:
                    lrm.append(f'<lrm_resource id="{lid}" class="ocf" provider="pacemaker" type="Dummy">'
                               f'<lrm_rsc_op id="{lid}_last_0" operation_key="{lid}_start_0" operation="start" '
                               f'transition-key="1:1:0:x" rc-code="0" op-status="0" call-id="{j + 1}" interval="0" '
                               f'op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8" crm_feature_set="3.0.6"/>')
                    if rc_fail:
                        lrm.append(f'<lrm_rsc_op id="{lid}_last_failure_0" operation_key="{lid}_monitor_10000" '
                                   f'operation="monitor" transition-key="2:1:0:x" rc-code="1" op-status="0" '
                                   f'call-id="{j + 100000}" interval="10000"/>')
                        attrs.append(f'<nvpair id="fc-{lid}-{i}" name="fail-count-{lid}#monitor_10000" value="1"/>')
                    lrm.append("</lrm_resource>")
        if attrs:
            w(f'<transient_attributes id="t{i}"><instance_attributes id="ta{i}">{"".join(attrs)}'
              f"</instance_attributes></transient_attributes>")
        w(f'<lrm id="{i + 1}"><lrm_resources>{"".join(lrm)}</lrm_resources></lrm></node_state>')
    w("</status></cib>")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
