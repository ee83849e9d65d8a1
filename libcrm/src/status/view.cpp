#include "crm/status/view.h"

#include <algorithm>
#include <map>

#include "crm/common/score.h"
#include "crm/common/strings.h"
#include "history.h"

namespace crm::status {

namespace {

bool meta_true(const std::vector<cib::NvSet>& meta, const std::string& name) {
    auto v = cib::lookup(meta, name);
    return v && parse_bool(*v).value_or(false);
}

bool meta_false(const std::vector<cib::NvSet>& meta, const std::string& name) {
    auto v = cib::lookup(meta, name);
    return v && !parse_bool(*v).value_or(true);
}

bool stopped_role(const std::vector<cib::NvSet>& meta) {
    auto v = cib::lookup(meta, "target-role");
    return v && iequals(*v, "Stopped");
}

bool node_attr_on(const cib::Cib& cib, const cib::ClusterNode& n, const std::string& name) {
    if (auto v = cib::lookup(n.instance_attributes, name); v && parse_bool(*v).value_or(false))
        return true;
    if (const cib::NodeState* ns = cib.status.find(n.uname))
        if (auto v = cib::lookup(ns->transient_attributes, name);
            v && parse_bool(*v).value_or(false))
            return true;
    return false;
}

// History per resource id (clone instance suffixes ":N" folded in) and node.
using HistoryIndex = std::map<std::string, std::map<std::string, std::vector<cib::LrmRscOp>>>;

HistoryIndex index_history(const cib::Cib& cib, const std::vector<std::string>& online) {
    HistoryIndex idx;
    for (const auto& ns : cib.status.nodes) {
        // A node that left takes its resources with it (or it is being fenced):
        // crm_mon shows nothing active there.
        if (std::find(online.begin(), online.end(), ns.uname) == online.end())
            continue;
        for (const auto& r : ns.resources) {
            std::string id = r.id.substr(0, r.id.find(':'));
            auto& ops = idx[id][ns.uname];
            ops.insert(ops.end(), r.ops.begin(), r.ops.end());
        }
    }
    return idx;
}

struct Context {
    const cib::Cib& cib;
    const HistoryIndex& history;
    bool maintenance_mode;
};

PrimitiveView primitive_view(const Context& ctx, const cib::Primitive& p, bool parent_disabled,
                             bool parent_unmanaged, bool promotable) {
    PrimitiveView v;
    v.id = p.id;
    v.agent = p.agent();
    v.disabled = parent_disabled || stopped_role(p.meta_attributes);
    v.managed = !(parent_unmanaged || meta_false(p.meta_attributes, "is-managed") ||
                  ctx.maintenance_mode || meta_true(p.meta_attributes, "maintenance"));
    auto it = ctx.history.find(p.id);
    if (it == ctx.history.end())
        return v;
    for (const auto& [node, ops] : it->second) {
        detail::HistoryState st = detail::replay(ops);
        if (st.role == "Stopped" && !st.failed)
            continue;
        std::string role = st.role;
        if (promotable && role == "Started")
            role = "Unpromoted";
        v.running.push_back({node, role, st.failed});
        v.failed = v.failed || st.failed;
    }
    return v;
}

GroupView group_view(const Context& ctx, const cib::Group& g, bool parent_disabled,
                     bool parent_unmanaged, bool promotable) {
    GroupView v;
    v.id = g.id;
    v.disabled = parent_disabled || stopped_role(g.meta_attributes);
    bool unmanaged = parent_unmanaged || meta_false(g.meta_attributes, "is-managed");
    for (const auto& m : g.members)
        v.members.push_back(primitive_view(ctx, m, v.disabled, unmanaged, promotable));
    return v;
}

int clone_max(const cib::Clone& c, int nodes) {
    if (auto v = cib::lookup(c.meta_attributes, "clone-max")) {
        auto s = Score::parse(*v);
        if (s)
            return std::max(0, s->value());
    }
    return nodes;
}

}  // namespace

std::string describe_last_change(const xml::Node& cib_xml) {
    std::string when = cib_xml.attr("cib-last-written");
    if (when.empty())
        return {};
    std::string out = when;
    if (cib_xml.has_attr("update-user"))
        out += " by " + cib_xml.attr("update-user");
    if (cib_xml.has_attr("update-client"))
        out += " via " + cib_xml.attr("update-client");
    if (cib_xml.has_attr("update-origin"))
        out += " on " + cib_xml.attr("update-origin");
    return out;
}

ClusterView build_view(const cib::Cib& cib, const Membership& membership,
                       const std::string& last_change) {
    ClusterView v;
    v.membership = membership;
    v.last_change = last_change;
    v.cluster_name = membership.cluster_name.empty() ? cib::property(cib, "cluster-name")
                                                     : membership.cluster_name;
    v.dc = membership.dc;
    v.dc_version = cib::property(cib, "dc-version");
    v.quorate = membership.quorate;
    std::string stonith = cib::property(cib, "stonith-enabled");
    v.stonith_enabled = stonith.empty() || parse_bool(stonith).value_or(true);
    std::string nqp = cib::property(cib, "no-quorum-policy");
    if (!nqp.empty())
        v.no_quorum_policy = nqp;
    v.maintenance_mode = parse_bool(cib::property(cib, "maintenance-mode")).value_or(false);

    std::vector<std::string> online;
    for (const auto& m : membership.members)
        if (m.online)
            online.push_back(m.name);
    for (const auto& n : cib.configuration.nodes) {
        NodeView nv;
        nv.name = n.uname;
        nv.id = n.id;
        nv.online = std::find(online.begin(), online.end(), n.uname) != online.end();
        nv.standby = node_attr_on(cib, n, "standby");
        nv.maintenance = node_attr_on(cib, n, "maintenance");
        nv.is_dc = !v.dc.empty() && v.dc == n.uname;
        v.nodes.push_back(nv);
    }
    // Members the configuration does not list yet (just joined).
    for (const auto& m : membership.members)
        if (!cib.find_node(m.name))
            v.nodes.push_back({m.name, m.id, m.online, false, false, m.name == v.dc, 0});

    HistoryIndex history = index_history(cib, online);
    Context ctx{cib, history, v.maintenance_mode};
    int node_count = static_cast<int>(v.nodes.size());
    bool any_stonith = false;
    for (const auto& r : cib.configuration.resources) {
        if (const auto* p = std::get_if<cib::Primitive>(&r)) {
            auto pv = primitive_view(ctx, *p, false, false, false);
            v.instances_configured += 1;
            v.instances_disabled += pv.disabled ? 1 : 0;
            any_stonith = any_stonith || p->is_stonith();
            v.resources.push_back(std::move(pv));
        } else if (const auto* g = std::get_if<cib::Group>(&r)) {
            auto gv = group_view(ctx, *g, false, false, false);
            v.instances_configured += static_cast<int>(gv.members.size());
            for (const auto& m : gv.members)
                v.instances_disabled += m.disabled ? 1 : 0;
            for (const auto& m : g->members)
                any_stonith = any_stonith || m.is_stonith();
            v.resources.push_back(std::move(gv));
        } else if (const auto* c = std::get_if<cib::Clone>(&r)) {
            CloneView cv;
            cv.id = c->id;
            cv.promotable = c->promotable();
            cv.disabled = stopped_role(c->meta_attributes);
            bool unmanaged = meta_false(c->meta_attributes, "is-managed");
            for (const auto& n : v.nodes)
                cv.node_names.push_back(n.name);
            int per_instance = 1;
            bool child_disabled = cv.disabled;
            if (const auto* cp = std::get_if<cib::Primitive>(&c->child)) {
                auto pv = primitive_view(ctx, *cp, cv.disabled, unmanaged, cv.promotable);
                child_disabled = pv.disabled;
                any_stonith = any_stonith || cp->is_stonith();
                cv.child = std::move(pv);
            } else {
                auto gv = group_view(ctx, std::get<cib::Group>(c->child), cv.disabled, unmanaged,
                                     cv.promotable);
                per_instance = static_cast<int>(gv.members.size());
                child_disabled = gv.disabled;
                cv.child = std::move(gv);
            }
            int instances = clone_max(*c, node_count) * per_instance;
            v.instances_configured += instances;
            if (child_disabled)
                v.instances_disabled += instances;
            v.resources.push_back(std::move(cv));
        }
    }

    // Count what runs where.
    for (auto& n : v.nodes) {
        auto count = [&](const PrimitiveView& p) {
            for (const auto& i : p.running)
                if (i.node == n.name)
                    ++n.resources_running;
        };
        for (const auto& r : v.resources) {
            if (const auto* p = std::get_if<PrimitiveView>(&r))
                count(*p);
            if (const auto* g = std::get_if<GroupView>(&r))
                for (const auto& m : g->members)
                    count(m);
            if (const auto* c = std::get_if<CloneView>(&r)) {
                if (const auto* cp = std::get_if<PrimitiveView>(&c->child))
                    count(*cp);
                if (const auto* cg = std::get_if<GroupView>(&c->child))
                    for (const auto& m : cg->members)
                        count(m);
            }
        }
    }

    // Failures, as recorded (on every node, online or not: they stay until cleaned up).
    for (const auto& ns : cib.status.nodes) {
        for (const auto& r : ns.resources) {
            for (const auto& op : r.ops) {
                if (!detail::is_failure(op))
                    continue;
                std::string key = op.operation_key.empty() ? r.id + "_" + op.operation + "_" +
                                                                 std::to_string(op.interval_ms)
                                                           : op.operation_key;
                bool dup =
                    std::any_of(v.failures.begin(), v.failures.end(), [&](const FailedAction& f) {
                        return f.op_key == key && f.node == ns.uname && f.call_id == op.call_id;
                    });
                if (dup)
                    continue;
                v.failures.push_back({key, r.id, op.operation, op.interval_ms, ns.uname, op.rc_code,
                                      op.op_status, op.call_id, op.exit_reason, op.last_rc_change,
                                      op.exec_time, op.queue_time});
            }
        }
        std::map<std::string, std::string> attrs = cib::flatten(ns.transient_attributes);
        for (const auto& [name, value] : attrs) {
            if (name.rfind("fail-count-", 0) != 0)
                continue;
            std::string rest = name.substr(11);
            auto hash = rest.find('#');
            FailCountView fc{ns.uname, rest.substr(0, hash),
                             hash == std::string::npos ? "" : rest.substr(hash + 1), value, ""};
            auto lf = attrs.find("last-failure-" + rest);
            if (lf != attrs.end())
                fc.last_failure = lf->second;
            v.fail_counts.push_back(std::move(fc));
        }
    }

    for (const auto& l : cib.configuration.locations) {
        if (l.node.empty() || !l.score_value || l.score_value->value() >= 0)
            continue;
        v.bans.push_back({l.id, l.rsc, l.node, l.score});
    }

    if (!v.stonith_enabled)
        v.warnings.push_back({"fencing-disabled",
                              "fencing is disabled (stonith-enabled=false): after a network split "
                              "the same resource can run on two nodes at once"});
    else if (!any_stonith)
        v.warnings.push_back({"no-fencing-devices",
                              "no fencing devices are configured and stonith-enabled is not false: "
                              "resources will not start until one is"});
    if (v.no_quorum_policy == "ignore")
        v.warnings.push_back({"no-quorum-ignore",
                              "no-quorum-policy=ignore: a partition without quorum keeps running "
                              "resources"});
    if (v.maintenance_mode)
        v.warnings.push_back(
            {"maintenance-mode", "maintenance-mode is on: resources are not managed or monitored"});
    if (membership.from_file)
        v.warnings.push_back(
            {"offline-view",
             "offline view of " +
                 (membership.source.empty() ? std::string("a CIB file") : membership.source) +
                 ": membership, DC and quorum are as recorded in the file"});
    return v;
}

std::vector<std::string> active_nodes(const ClusterView& view, const std::string& resource) {
    std::vector<std::string> out;
    auto add = [&](const PrimitiveView& p) {
        for (const auto& i : p.running)
            if (std::find(out.begin(), out.end(), i.node) == out.end())
                out.push_back(i.node);
    };
    for (const auto& r : view.resources) {
        if (const auto* p = std::get_if<PrimitiveView>(&r)) {
            if (p->id == resource)
                add(*p);
        } else if (const auto* g = std::get_if<GroupView>(&r)) {
            for (const auto& m : g->members)
                if (g->id == resource || m.id == resource)
                    add(m);
        } else if (const auto* c = std::get_if<CloneView>(&r)) {
            if (const auto* cp = std::get_if<PrimitiveView>(&c->child)) {
                if (c->id == resource || cp->id == resource)
                    add(*cp);
            } else {
                const auto& cg = std::get<GroupView>(c->child);
                for (const auto& m : cg.members)
                    if (c->id == resource || cg.id == resource || m.id == resource)
                        add(m);
            }
        }
    }
    return out;
}

std::string rc_text(int rc) {
    switch (rc) {
        case 0:
            return "ok";
        case 1:
            return "error";
        case 2:
            return "invalid parameter";
        case 3:
            return "unimplemented feature";
        case 4:
            return "insufficient privileges";
        case 5:
            return "not installed";
        case 6:
            return "not configured";
        case 7:
            return "not running";
        case 8:
            return "promoted";
        case 9:
            return "promoted (failed)";
        case 190:
            return "OCF_DEGRADED";
        case 191:
            return "OCF_DEGRADED_PROMOTED";
        default:
            return "unknown";
    }
}

std::string op_status_text(int status) {
    switch (status) {
        case -1:
            return "pending";
        case 0:
            return "complete";
        case 1:
            return "Cancelled";
        case 2:
            return "Timed Out";
        case 3:
            return "NOT SUPPORTED";
        case 4:
            return "Error";
        case 5:
            return "Not installed";
        case 6:
            return "Not connected";
        case 7:
            return "Invalid parameter";
        default:
            return "unknown";
    }
}

}  // namespace crm::status
