// From decisions and actions to what the operator sees: the placement
// after the transition and crm_simulate-style summary lines.
#include <algorithm>

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

// A member of an unmanaged group, or a clone instance that is not failed,
// left on a node that is down (for the instance: not lost while expected
// up) is not shown as running there, as in Pacemaker's status of
// collective resources (a lone primitive is, and so is a failed clone
// instance, listed on its own).
bool hidden_member(const WorkingSet& ws, const Rsc* p, int n, bool failed) {
    if (!p->parent || p->managed || ws.nodes[n].online)
        return false;
    return p->parent->kind == Kind::Group || (!failed && !ws.nodes[n].lost);
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
                if (!hidden_member(ws, p, x, still_failed(p, x)))
                    t.next.push_back({p->name, ws.nodes[x].name, p->role, still_failed(p, x)});
        } else if (starts) {
            Role r = p->in_promotable() ? p->next_role : Role::Started;
            if (p->in_promotable() && p->promote_action >= 0 && r == Role::Promoted &&
                !g.actions[p->promote_action].runnable)
                r = Role::Unpromoted;
            bool stays = a && n == c && !stops;
            t.next.push_back({p->name, nn, r, stays && still_failed(p, n)});
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
                t.next.push_back({p->name, x.node, p->role, p->failed});
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
}

}  // namespace crm::scheduler::detail
