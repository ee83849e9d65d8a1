// From decisions and actions to what the operator sees: the placement
// after the transition and crm_simulate-style summary lines.
#include <algorithm>
#include <map>

#include "working_set.h"

namespace crm::scheduler::detail {

namespace {

// The summary line of a promotable clone instance: roles are always shown.
void promotable_line(Rsc* p, const graph::Graph& g, SummaryItem& s, bool a, int c, int n,
                     const std::string& cn, const std::string& nn, bool stops, bool stop_blocked,
                     bool starts) {
    std::string R = role_name(p->role);
    Role next = p->next_role;
    bool promote_ok = p->promote_action < 0 || g.actions[p->promote_action].runnable;
    if (next == Role::Promoted && !promote_ok && starts)
        next = Role::Unpromoted;
    std::string N = role_name(next);
    std::string both = R == N ? R : R + "->" + N;
    const auto& st = g.actions[p->start_action];
    if (stop_blocked) {
        s.verb = "stop";
        s.role = R;
        s.blocked = true;
    } else if (!a) {
        if (n < 0 || st.optional)
            return;
        s.to = nn;
        if (p->next_role == Role::Promoted) {
            s.verb = "promote";
            s.role = "Stopped->Promoted";
            s.blocked = !st.runnable || !promote_ok;
        } else {
            s.verb = "start";
            s.blocked = !st.runnable;
        }
    } else if (!starts) {
        s.verb = "stop";
        s.role = R;
    } else if (n == c) {
        s.to = nn;
        if (stops) {
            s.verb = p->failed ? "recover" : "restart";
            s.role = both;
        } else if (p->role == Role::Unpromoted && next == Role::Promoted) {
            s.verb = "promote";
            s.role = both;
        } else if (p->role == Role::Promoted && next == Role::Unpromoted) {
            s.verb = "demote";
            s.role = both;
        }
    } else {
        s.verb = p->failed ? "recover" : "move";
        s.to = nn;
        s.role = both;
    }
    (void)cn;
}

// Whether p, left in place on node n, is still failed after the
// transition: a recurring monitor scheduled there with the key of the last
// failure clears it when it passes (as every action does in simulation).
bool still_failed(const Rsc* p, int n) {
    if (!p->failed)
        return false;
    for (const auto& [node, interval] : p->monitors)
        if (node == n && p->failure_key == "monitor_" + std::to_string(interval))
            return false;
    return true;
}

// The group or clone p belongs to (an extra clone instance's clone), or
// nullptr for a lone primitive.
const Rsc* collective_of(const Rsc* p) {
    if (p->orphan_of)
        return p->orphan_of;
    const Rsc* top = nullptr;
    for (const Rsc* x = p->parent; x; x = x->parent)
        top = x;
    return top;
}

// Whether p running on node n makes its group or clone count as running
// there in Pacemaker's status: a managed member always does, an unmanaged
// one only on a node that is up. A group or clone that is active yet
// counts as running nowhere is left out of the status altogether (a lone
// primitive is always shown).
bool counts_for_collective(const WorkingSet& ws, const Rsc* p, int n) {
    bool managed = p->managed && !ws.maintenance_mode && (n < 0 || !ws.nodes[n].maintenance);
    return managed || (n >= 0 && ws.nodes[n].online);
}

}  // namespace

void summarize(WorkingSet& ws, const graph::Graph& g, Transition& t) {
    std::vector<Rsc*> prims;
    for (Rsc* top : ws.top)
        primitives_of(top, prims);
    for (const auto& a : g.actions) {
        if (a.task != "stonith" || a.optional || !a.runnable)
            continue;
        SummaryItem s;
        s.verb = "fence";
        s.resource = s.instance = a.node;
        s.fence_kind = a.fence_kind;
        t.summary.push_back(s);
    }
    // Where each entry of t.next comes from, to leave out the groups and
    // clones that count as running nowhere.
    std::vector<const Rsc*> next_of;
    std::map<const Rsc*, bool> shown;
    auto place = [&](const Rsc* p, const std::string& node, Role r, bool failed) {
        t.next.push_back({p->name, node, r, failed});
        next_of.push_back(collective_of(p));
        if (const Rsc* c = next_of.back())
            shown[c] = shown[c] || counts_for_collective(ws, p, ws.node_index(node));
    };
    for (Rsc* p : prims) {
        for (int n : p->running_on)
            t.current.push_back({p->name, ws.nodes[n].name, p->role, p->failed});
        if (p->start_action < 0)
            continue;
        const auto& st = g.actions[p->start_action];
        const graph::Action* sp = p->stop_action >= 0 ? &g.actions[p->stop_action] : nullptr;
        bool a = p->active();
        int c = a ? p->running_on[0] : -1;
        int n = p->next_node;
        std::string cn = c >= 0 ? ws.nodes[c].name : "";
        std::string nn = n >= 0 ? ws.nodes[n].name : "";
        SummaryItem s;
        s.resource = p->name;
        s.instance = p->id;
        s.from = cn;
        bool stops = sp && !sp->optional;
        bool stop_blocked = stops && !sp->runnable;
        bool starts = n >= 0 && st.runnable && (!st.optional || (a && n == c && !stops));
        // Where it ends up.
        if (stop_blocked || (a && sp && !sp->runnable && !stops)) {
            for (int x : p->running_on)
                place(p, ws.nodes[x].name, p->role, still_failed(p, x));
        } else if (starts) {
            Role r = p->in_promotable() ? p->next_role : Role::Started;
            if (p->in_promotable() && p->promote_action >= 0 && r == Role::Promoted &&
                !g.actions[p->promote_action].runnable)
                r = Role::Unpromoted;
            bool stays = a && n == c && !stops;
            place(p, nn, r, stays && still_failed(p, n));
        }
        for (size_t i = 0; i < p->extra_stops.size(); ++i) {
            const auto& x = g.actions[p->extra_stops[i]];
            SummaryItem e = s;
            e.verb = "stop";
            e.from = x.node;
            e.blocked = !x.runnable;
            // Pacemaker lists the extra stops only when the resource stops
            // everywhere; otherwise the single move/restart line says it.
            if (!starts)
                t.summary.push_back(e);
            if (!x.runnable)
                place(p, x.node, p->role, p->failed);
        }
        if (p->in_promotable()) {
            promotable_line(p, g, s, a, c, n, cn, nn, stops, stop_blocked, starts);
            if (!s.verb.empty())
                t.summary.push_back(s);
            continue;
        }
        // Roles are shown when the resource is not plainly Started.
        if (a && p->role != Role::Started) {
            std::string cur = role_name(p->role);
            s.role = cur;
            if (starts && n != c)
                s.role = cur + "->" + role_name(Role::Started);
        }
        // What the summary says about it.
        if (!sp || (sp->optional && !stop_blocked)) {
            if (!a && n >= 0 && !st.optional) {
                s.verb = "start";
                s.to = nn;
                s.blocked = !st.runnable;
            } else if (a && !st.optional && n == c) {
                s.verb = "restart";
                s.to = nn;
            } else {
                continue;
            }
        } else if (stop_blocked) {
            s.verb = "stop";
            s.blocked = true;
        } else if (!starts) {
            s.verb = "stop";
        } else if (n == c) {
            s.verb = p->failed ? "recover" : "restart";
            s.to = nn;
        } else {
            s.verb = p->failed ? "recover" : "move";
            s.to = nn;
        }
        t.summary.push_back(s);
    }
    std::vector<Placement> next;
    for (size_t i = 0; i < t.next.size(); ++i)
        if (!next_of[i] || shown[next_of[i]])
            next.push_back(t.next[i]);
    t.next = std::move(next);
}

}  // namespace crm::scheduler::detail
