// crm_mon -1 / pcs status text.
#include <algorithm>
#include <ctime>
#include <map>

#include "crm/status/render.h"

namespace crm::status {

namespace {

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v)
        out += (out.empty() ? "" : " ") + s;
    return out;
}

// "Started cluster1", "FAILED cluster1", "Stopped (disabled)", "Started [ a b ]"
std::string state_text(const PrimitiveView& p) {
    std::string out;
    if (p.running.empty()) {
        out = "Stopped";
        if (p.disabled)
            out += " (disabled)";
    } else if (p.running.size() == 1) {
        const Instance& i = p.running.front();
        out = (i.failed ? "FAILED" : i.role) + " " + i.node;
        if (i.failed && i.role != "Started" && i.role != "Stopped")
            out += " (" + i.role + ")";
        if (p.disabled)
            out += " (disabled)";
    } else {
        std::vector<std::string> nodes;
        bool failed = false;
        for (const auto& i : p.running) {
            nodes.push_back(i.node);
            failed = failed || i.failed;
        }
        out = std::string(failed ? "FAILED" : p.running.front().role) + " [ " + join(nodes) + " ]";
    }
    if (!p.managed)
        out += " (unmanaged)";
    return out;
}

void primitive_line(std::string& out, const PrimitiveView& p, const std::string& indent) {
    out += indent + "* " + p.id + "\t(" + p.agent + "):\t " + state_text(p) + "\n";
}

void clone_lines(std::string& out, const CloneView& c) {
    std::string child_id;
    std::map<std::string, std::vector<std::string>> by_role;  // role -> nodes
    std::vector<std::string> active;
    std::string failed_lines;
    auto take = [&](const PrimitiveView& p) {
        for (const auto& i : p.running) {
            if (i.failed) {
                PrimitiveView one = p;
                one.running = {i};
                primitive_line(failed_lines, one, "    ");
                continue;
            }
            auto& nodes = by_role[i.role];
            if (std::find(nodes.begin(), nodes.end(), i.node) == nodes.end())
                nodes.push_back(i.node);
        }
        for (const auto& i : p.running)
            if (std::find(active.begin(), active.end(), i.node) == active.end())
                active.push_back(i.node);
    };
    bool disabled = c.disabled;
    if (const auto* p = std::get_if<PrimitiveView>(&c.child)) {
        child_id = p->id;
        disabled = disabled || p->disabled;
        take(*p);
    } else {
        const auto& g = std::get<GroupView>(c.child);
        child_id = g.id;
        disabled = disabled || g.disabled;
        for (const auto& m : g.members)
            take(m);
    }
    out += "  * Clone Set: " + c.id + " [" + child_id + "]" +
           (c.promotable ? " (promotable)" : "") + (disabled ? " (disabled)" : "") + ":\n";
    out += failed_lines;
    // Pacemaker's order: Promoted, Unpromoted, Started, then transitional roles.
    std::vector<std::string> order{"Promoted", "Unpromoted", "Started", "Starting",
                                   "Stopping", "Promoting",  "Demoting"};
    for (const auto& [role, nodes] : by_role)
        if (std::find(order.begin(), order.end(), role) == order.end())
            order.push_back(role);
    for (const auto& role : order) {
        auto it = by_role.find(role);
        if (it == by_role.end() || it->second.empty())
            continue;
        std::vector<std::string> nodes = it->second;
        std::sort(nodes.begin(), nodes.end());
        out += "    * " + role + ": [ " + join(nodes) + " ]\n";
    }
    std::vector<std::string> stopped;
    for (const auto& n : c.node_names)
        if (std::find(active.begin(), active.end(), n) == active.end())
            stopped.push_back(n);
    if (!stopped.empty())
        out += std::string("    * Stopped") + (disabled ? " (disabled)" : "") + ": [ " +
               join(stopped) + " ]\n";
}

std::string ms(std::int64_t v) {
    return std::to_string(v) + "ms";
}

}  // namespace

std::string format_time(std::int64_t epoch_seconds) {
    std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof(buf), "%a %b %e %H:%M:%S %Y", &tm);
    // crm_mon prints the day without padding ("Sep 3"), strftime pads with a space.
    std::string s = buf;
    if (auto pos = s.find("  "); pos != std::string::npos)
        s.erase(pos, 1);
    return s;
}

std::string render_text(const ClusterView& v, const TextOptions& o) {
    std::string out;
    std::string resources;
    if (v.resources.empty())
        resources += "  * No resources\n";
    for (const auto& r : v.resources) {
        if (const auto* p = std::get_if<PrimitiveView>(&r)) {
            primitive_line(resources, *p, "  ");
        } else if (const auto* g = std::get_if<GroupView>(&r)) {
            resources +=
                "  * Resource Group: " + g->id + (g->disabled ? " (disabled)" : "") + ":\n";
            for (const auto& m : g->members)
                primitive_line(resources, m, "    ");
        } else {
            clone_lines(resources, std::get<CloneView>(r));
        }
    }
    if (o.resources_only)
        return resources;

    if (!v.cluster_name.empty())
        out += "Cluster name: " + v.cluster_name + "\n";
    if (v.membership.from_file)
        out += "Offline view of " +
               (v.membership.source.empty() ? std::string("a CIB file") : v.membership.source) +
               ": membership, DC and quorum are as recorded in it\n";
    std::string warnings;
    for (const auto& w : v.warnings)
        if (w.code != "offline-view")
            warnings += w.text + "\n";
    if (!warnings.empty())
        out += "\nWARNINGS:\n" + warnings;

    out += "\nCluster Summary:\n";
    out += "  * Stack: " + v.membership.stack + "\n";
    out += "  * Current DC: ";
    if (v.dc.empty()) {
        out += "NONE";
    } else {
        out += v.dc;
        if (!v.dc_version.empty())
            out += " (version " + v.dc_version + ")";
        if (v.quorate)
            out += *v.quorate ? " - partition with quorum" : " - partition WITHOUT quorum";
    }
    out += "\n";
    if (o.now)
        out += "  * Last updated: " + format_time(o.now) + "\n";
    if (!v.last_change.empty())
        out += "  * Last change:  " + v.last_change + "\n";
    out += "  * " + std::to_string(v.nodes.size()) + " node" + (v.nodes.size() == 1 ? "" : "s") +
           " configured\n";
    out += "  * " + std::to_string(v.instances_configured) + " resource instance" +
           (v.instances_configured == 1 ? "" : "s") + " configured";
    if (v.instances_disabled)
        out += " (" + std::to_string(v.instances_disabled) + " DISABLED)";
    out += "\n";

    out += "\nNode List:\n";
    std::vector<std::string> online, offline;
    for (const auto& n : v.nodes) {
        if (n.online && (n.standby || n.maintenance)) {
            std::string what = n.maintenance ? "maintenance" : "standby";
            if (n.standby && n.resources_running > 0)
                what += " (with active resources)";
            out += "  * Node " + n.name + ": " + what + "\n";
        } else if (n.online) {
            online.push_back(n.name);
        } else {
            offline.push_back(n.name);
        }
    }
    if (!online.empty())
        out += "  * Online: [ " + join(online) + " ]\n";
    if (!offline.empty())
        out += "  * OFFLINE: [ " + join(offline) + " ]\n";

    out += "\nFull List of Resources:\n" + resources;

    if (o.full) {
        out += "\nMigration Summary:\n";
        std::map<std::string, std::vector<const FailCountView*>> by_node;
        for (const auto& f : v.fail_counts)
            by_node[f.node].push_back(&f);
        for (const auto& [node, list] : by_node) {
            out += "  * Node: " + node + ":\n";
            for (const FailCountView* f : list) {
                out += "    * " + f->resource +
                       (f->operation.empty() ? "" : " (" + f->operation + ")") +
                       ": fail-count=" + f->value;
                if (!f->last_failure.empty()) {
                    try {
                        out += " last-failure='" + format_time(std::stoll(f->last_failure)) + "'";
                    } catch (...) {
                        out += " last-failure='" + f->last_failure + "'";
                    }
                }
                out += "\n";
            }
        }
        if (!v.bans.empty()) {
            out += "\nNegative Location Constraints:\n";
            for (const auto& b : v.bans)
                out += "  * " + b.id + "\tprevents " + b.resource + " from running on " + b.node +
                       "\n";
        }
    }

    if (!v.failures.empty()) {
        out += "\nFailed Resource Actions:\n";
        for (const auto& f : v.failures) {
            out += "  * " + f.op_key + " on " + f.node + " '" + rc_text(f.rc) + "' (" +
                   std::to_string(f.rc) + "): call=" + std::to_string(f.call_id) + ", status='" +
                   op_status_text(f.op_status) + "'";
            if (!f.exit_reason.empty())
                out += ", exitreason='" + f.exit_reason + "'";
            if (f.last_rc_change)
                out += ", last-rc-change='" + format_time(*f.last_rc_change) + "'";
            out += ", queued=" + ms(f.queue_ms) + ", exec=" + ms(f.exec_ms) + "\n";
        }
    }

    if (o.full && !v.fence_history.empty()) {
        out += "\nFencing History:\n";
        for (const auto& f : v.fence_history) {
            out += "  * " + (f.action.empty() ? std::string("fencing") : f.action) + " of " +
                   f.target + (f.ok ? " successful" : " failed") + ": device=" + f.device +
                   ", by=" + f.by;
            if (!f.ok && !f.detail.empty())
                out += ", reason='" + f.detail + "'";
            if (f.at)
                out += std::string(f.ok ? ", completed='" : ", last-failed='") + format_time(f.at) +
                       "'";
            out += "\n";
        }
    }

    if (!v.daemons.empty()) {
        // pcs prints active/enabled; without systemd there is no "enabled".
        out += "\nDaemon Status:\n";
        for (const auto& d : v.daemons) {
            out += "  " + d.name + ": " + (d.active ? "active" : "inactive");
            if (d.enabled)
                out += *d.enabled ? "/enabled" : "/disabled";
            out += "\n";
        }
    }
    return out;
}

}  // namespace crm::status
