// Recurring monitors: every configured monitor with an interval runs on the
// node where its resource will be active, in the role it applies to. The
// scheduler asks for one when the resource (re)starts or changes role there,
// or when the node's history shows no such monitor yet (e.g. it was added to
// the configuration since). The executor keeps it running until a stop.
#include <fmt/format.h>

#include "working_set.h"

namespace crm::scheduler::detail {
namespace {

bool applies_to(const cib::Operation& op, Role role) {
    const std::string& r = op.role;
    if (r.empty() || r == "Started" || r == "Unpromoted" || r == "Slave")
        return role == Role::Started || role == Role::Unpromoted;
    if (r == "Promoted" || r == "Master")
        return role == Role::Promoted;
    return false;  // Stopped-role monitors are not scheduled by Vigil
}

// The node's history holds a live recurring monitor of this interval, newer
// than the resource's last start there.
bool monitor_active(const cib::Cib& cib, const std::string& node, const Rsc& p,
                    std::int64_t interval_ms) {
    const cib::NodeState* ns = cib.status.find(node);
    if (!ns)
        return false;
    for (const auto& lr : ns->resources) {
        if (lr.id != p.id && lr.id != p.prim->id)
            continue;
        int last_start = -1;
        const cib::LrmRscOp* monitor = nullptr;  // the newest of this interval
        for (const auto& op : lr.ops) {
            if (op.operation == "start" || op.operation == "promote" || op.operation == "demote")
                last_start = std::max(last_start, op.call_id);
            if (op.operation == "monitor" && op.interval_ms == interval_ms && op.op_status != 1 &&
                (!monitor || op.call_id > monitor->call_id))
                monitor = &op;
        }
        // A monitor whose last result was a failure is no longer running:
        // it is scheduled anew.
        bool passed =
            monitor && monitor->op_status == 0 && (monitor->rc_code == 0 || monitor->rc_code == 8);
        if (passed && monitor->call_id > last_start)
            return true;
    }
    return false;
}

bool will_run(const graph::Graph& g, int id) {
    return id >= 0 && !g.actions[id].optional && g.actions[id].runnable;
}

}  // namespace

void schedule_recurring(const cib::Cib& cib, WorkingSet& ws, graph::Graph& g) {
    std::vector<Rsc*> prims;
    for (Rsc* top : ws.top)
        primitives_of(top, prims);
    for (Rsc* p : prims) {
        // Unmanaged resources are still monitored; maintenance stops that.
        if (!p->prim || p->blocked || p->unmonitored || ws.maintenance_mode || p->next_node < 0 ||
            p->next_role == Role::Stopped)
            continue;
        const Node& node = ws.nodes[p->next_node];
        if (node.maintenance || !node.can_run())
            continue;
        bool starting = p->start_action >= 0 && !g.actions[p->start_action].optional;
        bool start_runnable = !starting || g.actions[p->start_action].runnable;
        // Without quorum a monitor needs what a start needs, except that
        // freeze (and demote) keeps watching what it leaves running.
        bool quorum_ok = ws.may_start() || ws.keeps_running_without_quorum(p);
        bool promoting = will_run(g, p->promote_action);
        bool demoting = will_run(g, p->demote_action);
        for (const auto& op : p->prim->operations) {
            if (op.name != "monitor" || op.interval_ms <= 0 || op.enabled == false ||
                !applies_to(op, p->next_role))
                continue;
            if (!starting && !promoting && !demoting &&
                monitor_active(cib, node.name, *p, op.interval_ms))
                continue;
            graph::Action a;
            a.id = static_cast<int>(g.actions.size());
            a.resource = p->id;
            a.task = "monitor";
            a.interval_ms = op.interval_ms;
            a.node = node.name;
            a.runnable = start_runnable && quorum_ok;
            g.actions.push_back(a);
            if (a.runnable)
                p->monitors.emplace_back(p->next_node, op.interval_ms);
            if (starting)
                g.edges.push_back({p->start_action, a.id});
            if (promoting)
                g.edges.push_back({p->promote_action, a.id});
            if (demoting)
                g.edges.push_back({p->demote_action, a.id});
        }
    }
}

}  // namespace crm::scheduler::detail
