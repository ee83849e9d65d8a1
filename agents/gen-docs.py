#!/usr/bin/env python3
"""Writes the agents' man pages (man/ocf_vigil_*.7, man/fence_vigil_*.8)
and the parameter tables of agents/README.md from the agents' own
meta-data, so the documentation cannot drift from what the agents
advertise. tests/agents/static.sh fails when the committed files differ
from what this script generates.

Usage: python3 agents/gen-docs.py [--check]
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OCF = ["vip", "haproxy", "nfsmount", "glustermount", "docker"]
FENCE = ["fence_vigil_null", "fence_vigil_netns"]
DATE = "2026"

# What the meta-data does not say: how to use the agent, and what was
# measured. Kept here, next to the generator, as plain text per agent.
EXTRA = {
    "vip": """Example (crm syntax):
  primitive vip-public ocf:vigil:vip params ip=192.168.1.200 cidr_netmask=24 nic=eth0 op monitor interval=10s
Start runs a handful of processes and does not wait for the announcements:
about 11 ms per start here against about 42 ms for IPaddr2 with the same
parameters (bench/agents/vip-start.sh).""",
    "haproxy": """Example:
  primitive lb ocf:vigil:haproxy params config=/etc/haproxy/haproxy.cfg op monitor interval=10s op monitor interval=30s OCF_CHECK_LEVEL=10
  order vip-then-lb Mandatory: vip-public lb
Files: the pid file, the admin socket and the agent's global section
(PIDFILE without .pid, plus .global.cfg) live in HA_RSCTMP unless set.""",
    "nfsmount": """Example:
  primitive web-nfs ocf:vigil:nfsmount params device=nas:/raid/www directory=/srv/www options=vers=4.1 op monitor interval=20s op monitor interval=60s OCF_CHECK_LEVEL=20
  clone web-nfs-clone web-nfs""",
    "glustermount": """Example:
  primitive web-gluster ocf:vigil:glustermount params server=gluster1 backup_servers="gluster2 gluster3" volume=gv0 directory=/srv/gv0 op monitor interval=20s op monitor interval=60s OCF_CHECK_LEVEL=20
  clone web-gluster-clone web-gluster""",
    "docker": """Example:
  primitive web1 ocf:vigil:docker params image=php:apache ports=8081:80 mounts=/srv/www:/var/www/html:ro run_opts=--init monitor_cmd="true" op monitor interval=30s""",
    "fence_vigil_null": """Example:
  primitive st-null stonith:fence_vigil_null params hostlist="cluster1 standby1 standby2"
  clone fencing st-null""",
    "fence_vigil_netns": """Example, for a lab whose nodes are the namespaces lab-n1, lab-n2, lab-n3:
  primitive st-lab stonith:fence_vigil_netns params netns_prefix=lab- pcmk_host_list="n1 n2 n3"
By hand:
  fence_vigil_netns -o off -n n2 --netns_prefix=lab-
  printf 'action=status\\nplug=n2\\nnetns_prefix=lab-\\n' | fence_vigil_netns; echo $?""",
}


def metadata(path, arg):
    # Defaults that depend on the environment are shown for the standard one.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OCF_", "HA_"))}
    env.update(OCF_ROOT="/usr/lib/ocf", HA_RSCTMP="/run/resource-agents")
    out = subprocess.run([path, arg], capture_output=True, text=True, check=True, env=env)
    return ET.fromstring(out.stdout)


def text(node, tag):
    e = node.find(tag)
    return " ".join((e.text or "").split()) if e is not None else ""


def paragraphs(node, tag):
    e = node.find(tag)
    raw = (e.text or "") if e is not None else ""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw) if p.strip()]


def roff(s):
    s = s.replace("\\", "\\e")
    return "\n".join(("\\&" + l if l.startswith((".", "'")) else l) for l in s.split("\n"))


def ocf_page(name, ra):
    lines = [f'.TH OCF_VIGIL_{name.upper()} 7 "{DATE}" "Vigil" "OCF resource agents"',
             ".SH NAME", f"ocf_vigil_{name} \\- {roff(text(ra, 'shortdesc'))}",
             ".SH SYNOPSIS", f"\\fBocf:vigil:{name}\\fR, run by the resource manager as",
             ".br", f"OCF_ROOT/resource.d/vigil/{name} \\fIaction\\fR",
             ".SH DESCRIPTION"]
    for p in paragraphs(ra, "longdesc"):
        lines += [roff(p), ".PP"]
    lines.append(".SH PARAMETERS")
    for p in ra.find("parameters"):
        c = p.find("content")
        flags = []
        if p.get("required") == "1":
            flags.append("required")
        if p.get("unique") == "1":
            flags.append("unique")
        default = c.get("default", "")
        head = f"\\fB{p.get('name')}\\fR (\\fI{c.get('type')}\\fR"
        head += f", default \\(lq{roff(default)}\\(rq" if default else ", no default"
        head += "".join(", " + f for f in flags) + ")"
        lines += [".TP", head, roff(text(p, "longdesc"))]
    lines.append(".SH ACTIONS")
    for a in ra.find("actions"):
        attrs = ", ".join(f"{k} {a.get(k)}" for k in ("timeout", "interval", "depth") if a.get(k))
        lines += [".TP", f"\\fB{a.get('name')}\\fR", attrs]
    lines += [".SH EXIT STATUS",
              "0 success; 1 generic failure; 2 the configuration cannot work on this node; "
              "3 unimplemented action; 5 a required program (or image, or kernel support) "
              "is missing on this node; 6 the configuration is invalid in itself; "
              "7 not running (monitor only). Failures print a reason on standard error "
              "after \\fBocf-exit-reason:\\fR.",
              ".SH EXAMPLES", ".nf", roff(EXTRA.get(name, "")), ".fi",
              ".SH SEE ALSO", "vigil(8), ocf-tester(8), agents/README.md"]
    return "\n".join(lines) + "\n"


def fence_page(name, ra):
    lines = [f'.TH {name.upper()} 8 "{DATE}" "Vigil" "Fence agents"',
             ".SH NAME", f"{name} \\- {roff(ra.get('shortdesc'))}",
             ".SH SYNOPSIS", f"\\fB{name}\\fR [\\fB-o\\fR \\fIaction\\fR] [\\fB-n\\fR \\fInode\\fR] [\\fB--\\fR\\fIkey\\fR\\fB=\\fR\\fIvalue\\fR ...]",
             ".br", f"\\fB{name}\\fR < \\fIkey=value lines\\fR",
             ".SH DESCRIPTION"]
    for p in paragraphs(ra, "longdesc"):
        lines += [roff(p), ".PP"]
    lines.append("Without arguments the options are read as key=value lines from standard input, "
                 "as Pacemaker's fencer sends them; the target node comes as plug=, port= or nodename=.")
    lines.append(".SH PARAMETERS")
    for p in ra.find("parameters"):
        c = p.find("content")
        default = c.get("default", "")
        head = f"\\fB{p.get('name')}\\fR"
        head += f" (default \\(lq{roff(default)}\\(rq)" if default else ""
        lines += [".TP", head, roff(text(p, "shortdesc"))]
    lines += [".SH ACTIONS", ", ".join(a.get("name") for a in ra.find("actions")) + ".",
              ".SH EXIT STATUS", "0 success (for status: the node is on); 2 for status: the node is off; 1 failure.",
              ".SH EXAMPLES", ".nf", roff(EXTRA.get(name, "")), ".fi",
              ".SH SEE ALSO", "vigil(8), agents/README.md"]
    return "\n".join(lines) + "\n"


def md_escape(s):
    return s.replace("|", "\\|")


def readme_tables(agents):
    out = []
    for name, kind, ra in agents:
        if kind == "ocf":
            out += [f"### ocf:vigil:{name}", "", text(ra, "shortdesc") + ". Man page: "
                    f"`man/ocf_vigil_{name}.7`.", "",
                    "| parameter | type | default | required | description |", "|---|---|---|---|---|"]
            for p in ra.find("parameters"):
                c = p.find("content")
                out.append(f"| `{p.get('name')}` | {c.get('type')} | {md_escape(c.get('default', '')) and '`' + md_escape(c.get('default', '')) + '`'} "
                           f"| {'yes' if p.get('required') == '1' else ''} | {md_escape(text(p, 'shortdesc'))} |")
            acts = ", ".join(sorted({a.get('name') for a in ra.find('actions')}))
            out += ["", f"Actions: {acts}.", ""]
        else:
            out += [f"### {name} (stonith:{name})", "", ra.get("shortdesc") + ". Man page: "
                    f"`man/{name}.8`.", "",
                    "| parameter | default | description |", "|---|---|---|"]
            for p in ra.find("parameters"):
                c = p.find("content")
                d = c.get("default", "")
                out.append(f"| `{p.get('name')}` | {d and '`' + d + '`'} | {md_escape(text(p, 'shortdesc'))} |")
            out += ["", "Actions: " + ", ".join(a.get("name") for a in ra.find("actions")) + ".", ""]
    return "\n".join(out)


def main():
    check = "--check" in sys.argv[1:]
    files = {}
    agents = []
    for name in OCF:
        ra = metadata(os.path.join(HERE, "ocf", name), "meta-data")
        agents.append((name, "ocf", ra))
        files[os.path.join(ROOT, "man", f"ocf_vigil_{name}.7")] = ocf_page(name, ra)
    for name in FENCE:
        ra = metadata(os.path.join(HERE, "fence", name), "--action=metadata")
        agents.append((name, "fence", ra))
        files[os.path.join(ROOT, "man", f"{name}.8")] = fence_page(name, ra)
    readme = os.path.join(HERE, "README.md")
    with open(readme) as f:
        cur = f.read()
    begin, end = "<!-- BEGIN GENERATED PARAMETERS -->", "<!-- END GENERATED PARAMETERS -->"
    head, rest = cur.split(begin, 1)
    _, tail = rest.split(end, 1)
    files[readme] = head + begin + "\n" + readme_tables(agents) + "\n" + end + tail
    stale = []
    for path, content in files.items():
        old = open(path).read() if os.path.exists(path) else None
        if old != content:
            stale.append(os.path.relpath(path, ROOT))
            if not check:
                with open(path, "w") as f:
                    f.write(content)
    if check and stale:
        print("out of date (run python3 agents/gen-docs.py):", " ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
