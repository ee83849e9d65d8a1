#!/usr/bin/env python3
"""Checks that vigil and crm_simulate decided the same transition.

usage: same_actions.py CRM_SIMULATE_XML VIGIL_LINES

CRM_SIMULATE_XML is the output of `crm_simulate -s -x CIB --output-as=xml`
(one scheduler run, no simulation); VIGIL_LINES that of `vigil simulate
--actions`. The transition summaries are compared in the conformance format
(shared/conformance/scheduler/README.md). Both start from the same status,
so the same summary means the same placement after the transition.
Prints "same" or "DIFFERENT (n lines)" and the first differences.
"""
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "shared", "conformance", "scheduler"))
import normalize_crm_simulate as norm  # noqa: E402  (the corpus' own converter)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    root = ET.parse(sys.argv[1]).getroot()
    # Without -S there is no revised status; the action lines do not need it.
    status = root.find("cluster_status")
    if status is not None and root.find("revised_cluster_status") is None:
        revised = ET.SubElement(root, "revised_cluster_status")
        revised.extend(list(status))
    ref = sorted(line for line in norm.normalize(root) if line.startswith("action "))
    with open(sys.argv[2], encoding="utf-8") as f:
        ours = sorted(" ".join(line.split()) for line in f if line.startswith("action "))
    if ref == ours:
        print(f"same ({len(ref)} actions)")
        return 0
    only_ref = sorted(set(ref) - set(ours))
    only_ours = sorted(set(ours) - set(ref))
    print(f"DIFFERENT ({len(only_ref)} only crm_simulate, {len(only_ours)} only vigil)")
    for line in only_ref[:5]:
        print("  - " + line)
    for line in only_ours[:5]:
        print("  + " + line)
    return 1


if __name__ == "__main__":
    sys.exit(main())
