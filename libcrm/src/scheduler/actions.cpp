// Actions and their ordering: a start and a stop per primitive, fencing of
// unclean nodes, and the orderings from groups, clones and order
// constraints. Requirement and unrunnability then flow along the orderings
// until nothing changes (Pacemaker's "implies then", "implies first" and
// "runnable left"), which yields restarts, blocked starts and stops.
#include <algorithm>
#include <functional>
#include <map>

#include "clone_min.h"
#include "crm/common/strings.h"
#include "interleave.h"
#include "placement_parts.h"
#include "working_set.h"

namespace crm::scheduler::detail {

namespace {

struct Rel {
    int first;
    int then;
    bool runnable_left;  // first cannot run -> then cannot run
    bool implies_then;   // first required -> then required
    bool implies_first;  // then required -> first required
};

// A pseudo action standing for "enough instances of a clone (or members of
// a require-all=false set) do the first action of an order": runnable only
// while at least `need` of `firsts` are.
struct InstanceCount {
    int pseudo;
    std::vector<int> firsts;  // each instance's (member's) first action
    int need;
    int always = 0;  // groups among them: they count whatever their members do
};

struct Builder {
    WorkingSet& ws;
    graph::Graph& g;
    std::vector<Rel> rels;
    std::vector<Rsc*> owner;  // per action: primitive (nullptr for fencing / pseudo)
    std::vector<int> pseudo_start, pseudo_stop;  // clone-level "all instances" actions per Rsc id
    std::vector<InstanceCount> counts;

    int add(Rsc* r, const std::string& task, const std::string& node, bool optional, bool runnable,
            bool pseudo = false) {
        graph::Action a;
        a.id = static_cast<int>(g.actions.size());
        a.resource = r ? r->id : "";
        a.task = task;
        a.node = node;
        a.optional = optional;
        a.runnable = runnable;
        a.pseudo = pseudo;
        g.actions.push_back(a);
        owner.push_back(r);
        return a.id;
    }

    void rel(int f, int t, bool rl, bool it, bool ifst) {
        if (f < 0 || t < 0)
            return;
        rels.push_back({f, t, rl, it, ifst});
    }

    bool unmanaged(Rsc* p) { return stays_unmanaged(ws, p); }

    void primitive_actions(Rsc* p) {
        bool a = p->active();
        int c = a ? p->running_on[0] : -1;
        int n = p->next_node;
        std::string nname = n >= 0 ? ws.nodes[n].name : "";
        std::string cname = c >= 0 ? ws.nodes[c].name : "";
        if (unmanaged(p) || p->blocked) {
            bool running = a && !p->blocked;
            p->start_action = add(p, "start", a ? cname : nname, true, running);
            p->stop_action = add(p, "stop", cname, true, false);
            return;
        }
        bool move = a && (n != c || p->failed || p->running_on.size() > 1);
        p->stop_action = -1;
        if (a) {
            const Node& cn = ws.nodes[c];
            bool fenced = cn.unclean && ws.fencing_possible(cn);
            bool stuck = cn.unclean && !fenced;
            p->stop_action = add(p, "stop", cname, !move, !stuck, fenced);
        }
        bool need_start = n >= 0 && (!a || move);
        // Without quorum nothing starts: placement goes on as usual, but
        // the starts cannot run, so what runs stops (no-quorum-policy=stop);
        // freeze (and demote, for promotable clones) leaves what runs alone
        // and only holds back new starts.
        bool frozen =
            (!ws.may_start() && !ws.keeps_running_without_quorum(p)) || ws.startup_disabled();
        p->start_action = add(p, "start", nname, !need_start, n >= 0 && !frozen);
        for (size_t i = 1; i < p->running_on.size(); ++i) {
            const Node& xn = ws.nodes[p->running_on[i]];
            bool fenced = xn.unclean && ws.fencing_possible(xn);
            int x = add(p, "stop", xn.name, false, !(xn.unclean && !fenced), fenced);
            p->extra_stops.push_back(x);
            rel(x, p->start_action, true, false, false);
        }
        // Active on several nodes (multiple-active=stop_start): stopped
        // everywhere, started once. The stop on the node where it starts
        // again comes before the others: a transition aborted halfway then
        // leaves it running everywhere still, or not running where it
        // belongs (the next transition starts it there), never a lone copy
        // that was not restarted and so never announced its address again.
        if (p->running_on.size() > 1 && n >= 0) {
            int keeper = -1;
            std::vector<int> others;
            for (size_t i = 0; i < p->running_on.size(); ++i) {
                int stop = i == 0 ? p->stop_action : p->extra_stops[i - 1];
                if (p->running_on[i] == n)
                    keeper = stop;
                else
                    others.push_back(stop);
            }
            for (int o : others)
                rel(keeper, o, false, false, false);
        }
        // A restart: stop first, then start. A stop that cannot run keeps
        // the start from running too.
        rel(p->stop_action, p->start_action, true, n >= 0 && n == c, n >= 0 && n == c);
        if (p->in_promotable()) {
            // Promote after the start; demote before the stop.
            bool promote =
                p->next_role == Role::Promoted && n >= 0 && (p->role != Role::Promoted || move);
            p->promote_action = add(p, "promote", nname, !promote, n >= 0);
            rel(p->start_action, p->promote_action, true, false, false);
            if (a) {
                bool demote = p->role == Role::Promoted && (p->next_role != Role::Promoted || move);
                p->demote_action = add(p, "demote", cname, !demote, true);
                rel(p->demote_action, p->stop_action, true, false, true);
            }
        }
    }
};

bool required(const graph::Action& a) {
    return !a.optional;
}

}  // namespace

void build_actions(WorkingSet& ws, graph::Graph& g, bool /*probes*/) {
    unplace_unpaired_instances(ws);
    Builder b{ws, g, {}, {}, {}, {}, {}};
    std::vector<Rsc*> prims;
    for (Rsc* t : ws.top)
        primitives_of(t, prims);

    // Fencing first: stops on fenced nodes are implied by it.
    std::vector<int> fence(ws.nodes.size(), -1);
    for (auto& n : ws.nodes) {
        if (!n.unclean || !ws.fencing_possible(n))
            continue;
        n.fence = true;
        int id = b.add(nullptr, "stonith", n.name, false, true);
        g.actions[id].fence_kind = ws.stonith_action;
        fence[n.index] = id;
    }
    for (Rsc* p : prims)
        b.primitive_actions(p);
    for (Rsc* p : prims) {
        if (p->stop_action >= 0 && p->active() && fence[p->running_on[0]] >= 0)
            b.rel(fence[p->running_on[0]], p->stop_action, false, false, false);
        for (size_t i = 0; i < p->extra_stops.size(); ++i)
            if (fence[p->running_on[i + 1]] >= 0)
                b.rel(fence[p->running_on[i + 1]], p->extra_stops[i], false, false, false);
    }

    // Start and stop actions standing for a whole resource (group or clone):
    // every member's start / stop.
    std::map<Rsc*, std::pair<std::vector<int>, std::vector<int>>> acts;
    std::function<void(Rsc*)> collect = [&](Rsc* r) {
        std::vector<Rsc*> ps;
        primitives_of(r, ps);
        for (Rsc* p : ps) {
            acts[r].first.push_back(p->start_action);
            acts[r].second.push_back(p->stop_action);
        }
        for (Rsc* c : r->children)
            collect(c);
    };
    for (Rsc* t : ws.top)
        collect(t);

    // Groups: each member after the one before (stops in reverse).
    std::function<void(Rsc*)> group_order = [&](Rsc* r) {
        if (r->kind == Kind::Group) {
            for (size_t i = 1; i < r->children.size(); ++i) {
                Rsc* f = r->children[i - 1];
                Rsc* t = r->children[i];
                b.rel(f->start_action, t->start_action, true, true, false);
                b.rel(t->stop_action, f->stop_action, true, false, true);
            }
        }
        for (Rsc* c : r->children)
            group_order(c);
    };
    for (Rsc* t : ws.top)
        group_order(t);

    // Clones as a whole: one pseudo action each for "all instances started"
    // and "all instances stopped", so orderings with a clone work on the
    // clone as a unit.
    std::map<Rsc*, std::pair<int, int>> unit;        // start-ish, stop-ish action per resource
    std::map<Rsc*, std::pair<int, int>> promo_unit;  // promoted, demoted pseudo actions
    for (Rsc* t : ws.top) {
        if (t->kind != Kind::Clone)
            continue;
        auto& [starts, stops] = acts[t];
        bool any_start_runnable = false;
        for (int s : starts)
            if (s >= 0 && g.actions[s].runnable && !g.actions[s].node.empty())
                any_start_runnable = true;
        int ps = b.add(t, "running", "", true, any_start_runnable, true);
        int pt = b.add(t, "stopped", "", true, true, true);
        for (int s : starts)
            b.rel(s, ps, false, false, false);
        for (int s : stops)
            b.rel(s, pt, false, true, false);
        unit[t] = {ps, pt};
        // "running" can happen while one instance can start: once
        // orderings leave none, what follows the clone cannot start either.
        b.counts.push_back({ps, starts, 1});
        if (t->promotable) {
            std::vector<Rsc*> ps2;
            primitives_of(t, ps2);
            bool any_promoted = false;
            for (Rsc* p : ps2)
                if (p->next_role == Role::Promoted && p->next_node >= 0)
                    any_promoted = true;
            int pp = b.add(t, "promoted", "", true, any_promoted, true);
            int pd = b.add(t, "demoted", "", true, true, true);
            for (Rsc* p : ps2) {
                if (p->promote_action >= 0)
                    b.rel(p->promote_action, pp, true, true, false);
                if (p->demote_action >= 0)
                    b.rel(p->demote_action, pd, false, true, false);
            }
            promo_unit[t] = {pp, pd};
        }
    }

    // Order constraints.
    auto ends = [&](Rsc* r, const std::string& action, bool as_first) -> std::vector<int> {
        if (action == "promote" || action == "demote") {
            if (r->is_primitive() && r->in_promotable()) {
                int x = action == "promote" ? r->promote_action : r->demote_action;
                return x >= 0 ? std::vector<int>{x} : std::vector<int>{};
            }
            if (r->kind != Kind::Clone || !r->promotable)
                return {};
            if (as_first)
                return {action == "promote" ? promo_unit[r].first : promo_unit[r].second};
            std::vector<int> out;
            std::vector<Rsc*> ps;
            primitives_of(r, ps);
            for (Rsc* p : ps) {
                int x = action == "promote" ? p->promote_action : p->demote_action;
                if (x >= 0)
                    out.push_back(x);
            }
            return out;
        }
        if (r->kind == Kind::Clone) {
            if (as_first)
                return {action == "start" ? unit[r].first : unit[r].second};
            return action == "start" ? acts[r].first : acts[r].second;
        }
        std::vector<Rsc*> ps;
        primitives_of(r, ps);
        if (ps.empty())
            return {};
        // Group: after the last member started / before the first starts;
        // stops: after the first member stopped / before the last stops.
        if (action == "start")
            return {(as_first ? ps.back() : ps.front())->start_action};
        return {(as_first ? ps.front() : ps.back())->stop_action};
    };
    // An order into a group holds back the group's start as a whole: every
    // member that is to start waits, not only the first (requiredness still
    // flows through the first member and the group's own orderings).
    auto then_ends = [&](Rsc* then, const std::string& then_action) {
        std::vector<int> out = ends(then, then_action, false);
        if (then->kind != Kind::Group || then_action != "start")
            return out;
        std::vector<Rsc*> ps;
        primitives_of(then, ps);
        for (size_t i = 1; i < ps.size(); ++i)
            out.push_back(ps[i]->start_action);
        return out;
    };
    // One instance's part in an order's first action: a cloned group has
    // started once its last member has, and stops as its first member does.
    auto instance_action = [&](Rsc* inst, const std::string& action) {
        std::vector<Rsc*> ps;
        primitives_of(inst, ps);
        if (ps.empty())
            return -1;
        if (action == "start")
            return ps.back()->start_action;
        if (action == "promote")
            return ps.back()->promote_action;
        if (action == "stop")
            return ps.front()->stop_action;
        return ps.front()->demote_action;
    };
    // An order counted by instances (clone-min, or require-all=false on a
    // clone or a set): its 'then' waits on a pseudo action that can run
    // only while enough instances (members) can do the first action. Too
    // few hold 'then' back whatever the order's kind (an optional or
    // one-way order too, as Pacemaker has it); nothing the instances do
    // makes 'then' required, so an instance that restarts does not restart
    // it. The pseudo action is optional and leaves the graph, so 'then' is
    // also ordered after each first action directly.
    auto order_by_instances = [&](const OrderRule& o, int need) {
        int p = b.add(nullptr, "one-or-more", "", true, true, true);
        g.actions[p].resource = o.first->id;
        // Pacemaker counts a group (a cloned group's instance, or a group
        // in the set) by the group's own pseudo action, which stays
        // runnable whatever its members can do: a group always counts
        // (crm_simulate starts 'then' after a clone-min=2 cloned group of
        // which no instance can start). 'then' still waits for what its
        // members do.
        InstanceCount count{p, {}, need};
        std::vector<int> waits;  // every first action 'then' comes after
        auto member = [&](Rsc* r, int f) {
            if (r->kind == Kind::Group)
                ++count.always;
            else if (f >= 0)
                count.firsts.push_back(f);
            if (f >= 0)
                waits.push_back(f);
        };
        if (!o.any_of.empty()) {
            for (Rsc* m : o.any_of) {
                auto fs = ends(m, o.first_action, true);
                member(m, fs.empty() ? -1 : fs.front());
            }
        } else {
            for (Rsc* inst : o.first->children)
                member(inst, instance_action(inst, o.first_action));
        }
        std::vector<int> thens = then_ends(o.then, o.then_action);
        for (int f : waits) {
            b.rel(f, p, false, false, false);
            for (int t : thens)
                b.rel(f, t, false, false, false);
        }
        for (int t : thens)
            b.rel(p, t, true, false, false);
        b.counts.push_back(count);
    };
    // The orderings of one direction of an order between `first` and
    // `then` (resources, or instances of interleaved clones).
    auto order_forward = [&](const OrderRule& o, Rsc* first, Rsc* then) {
        std::vector<int> direct = ends(then, o.then_action, false);
        for (int f : ends(first, o.first_action, true))
            for (int t : then_ends(then, o.then_action)) {
                // A one-way (asymmetrical) order does not touch what already
                // runs where it stays: only a start still to happen waits. (A
                // symmetrical one stops it: its start can no longer happen.)
                Rsc* to = b.owner[t];
                bool keep = !o.symmetrical && to && o.then_action == "start" &&
                            to->running_on.size() == 1 && to->next_node == to->running_on[0] &&
                            !to->failed;
                bool is_direct = std::find(direct.begin(), direct.end(), t) != direct.end();
                // An instance that is not to be promoted has no promotion
                // that could run: what waits for it cannot run either (a
                // promoted 'then' that stays so has no promotion to hold).
                Rsc* fo = b.owner[f];
                bool stays_promoted = g.actions[t].task == "promote" && g.actions[t].optional;
                if (o.first_action == "promote" && fo && fo->is_primitive() &&
                    fo->next_role != Role::Promoted && o.mandatory && !keep && !stays_promoted) {
                    g.actions[t].runnable = false;
                    continue;
                }
                // Only a symmetrical order makes a starting 'first' restart
                // a 'then' that runs where it stays; a one-way order only
                // holds back what is still to start.
                b.rel(f, t, o.mandatory && !keep, o.mandatory && o.symmetrical && is_direct, false);
            }
    };
    // The inverse of a symmetrical order: 'then' taken down before 'first'.
    // It holds 'first' back when 'then' cannot be taken down, but makes
    // nothing required: in Pacemaker a 'first' that must be taken down
    // does not take 'then' down with it this way (a starting 'first' of a
    // stop-then-stop order leaves a running 'then' alone; a clone-min
    // 'first' stopping an instance leaves the interleaved 'then' instance
    // there running). What 'then' must do follows from the order itself.
    auto order_inverse = [&](const OrderRule& o, Rsc* then, Rsc* first) {
        for (int f : ends(then, inverse_action(o.then_action), true))
            for (int t : ends(first, inverse_action(o.first_action), false))
                b.rel(f, t, o.mandatory, false, false);
    };
    // Interleaved clones: each instance of the clone ordered second waits
    // only for the instance of the other clone on its own node (where it
    // runs now when the one ordered first is taken down, else where it is
    // placed). An instance without such a partner waits for nothing: if
    // the order would have kept it from running, it was unplaced already.
    auto pairs = [&](Rsc* first, const std::string& first_action, Rsc* then,
                     const std::function<void(Rsc*, Rsc*)>& each) {
        bool current = pairs_by_current(first_action);
        for (Rsc* t : then->children)
            if (Rsc* f = instance_on(first, instance_node(t, current), current))
                each(f, t);
    };
    for (const auto& o : ws.orders) {
        if (int need = required_instances(o); need > 0)
            order_by_instances(o, need);
        else if (interleaved_forward(o))
            pairs(o.first, o.first_action, o.then, [&](Rsc* f, Rsc* t) { order_forward(o, f, t); });
        else
            order_forward(o, o.first, o.then);
        if (!o.symmetrical)
            continue;
        // (A require-all=false set: each of its members is taken down
        // after 'then'.)
        if (interleaved_inverse(o))
            pairs(o.then, inverse_action(o.then_action), o.first,
                  [&](Rsc* t, Rsc* f) { order_inverse(o, t, f); });
        else
            for (Rsc* first : o.any_of.empty() ? std::vector<Rsc*>{o.first} : o.any_of)
                order_inverse(o, o.then, first);
    }
    // A clone's "running" stays optional unless something needs it, and
    // optional actions leave the graph with their edges: what follows a
    // starting clone is ordered after the instances' starts themselves as
    // well. Requiredness flows from those starts as Pacemaker weighs a
    // clone as 'first' of a symmetrical mandatory order: a 'then' clone
    // restarts when any instance starts, a 'then' primitive only when an
    // instance starts on its node.
    for (const auto& o : ws.orders) {
        // (An order counted by instances has its own edges, above; an
        // interleaved one pairs instances.)
        if (o.first->kind != Kind::Clone || o.first_action != "start" ||
            required_instances(o) > 0 || interleaved_forward(o))
            continue;
        bool implies = o.mandatory && o.symmetrical && o.then_action == "start";
        bool clone_wide = o.then->kind == Kind::Clone;
        for (int s : acts[o.first].first)
            for (int t : ends(o.then, o.then_action, false))
                if (s >= 0 && t >= 0)
                    b.rel(s, t, false,
                          implies && (clone_wide || g.actions[s].node == g.actions[t].node), false);
    }
    // (No edge from a clone's "running" pseudo action to its instances'
    // starts: "running" waits for those starts, so such an edge would be a
    // cycle in the graph and no instance would ever start.)

    // Propagate to a fixpoint.
    auto& A = g.actions;
    std::vector<char> was_runnable(A.size());
    for (size_t i = 0; i < A.size(); ++i)
        was_runnable[i] = A[i].runnable;
    // Mandatory colocations (score INFINITY) by primary and dependent primitives.
    std::vector<std::pair<std::vector<Rsc*>, std::vector<Rsc*>>> musts;
    for (const auto& c : ws.colocations) {
        if (!c.score.is_infinity() || c.dependent == c.primary)
            continue;
        musts.emplace_back();
        primitives_of(c.primary, musts.back().first);
        primitives_of(c.dependent, musts.back().second);
    }
    auto will_not_run = [&](int id) {
        const auto& a = A[id];
        if (a.runnable)
            return false;
        if (required(a))
            return true;
        Rsc* p = b.owner[id];
        if (!p || !p->is_primitive())
            return true;
        // A failed resource stuck where it is blocks what is ordered after it;
        // otherwise an optional action that cannot run only blocks others if
        // it is a start (even of something that runs and stays: a group
        // member after it that must restart cannot).
        if (p->blocked)
            return true;
        return a.task == "start";
    };
    // An instance counts toward an order's first action when that action
    // can run; for a promotion, only where the instance is to be promoted
    // (the others' promote actions never happen).
    auto counted = [&](int id) {
        const Rsc* p = b.owner[id];
        return A[id].runnable && (A[id].task != "promote" || (p && p->next_role == Role::Promoted));
    };
    bool changed = true;
    for (int round = 0; changed && round < 1000; ++round) {
        changed = false;
        for (const InstanceCount& c : b.counts) {
            if (!A[c.pseudo].runnable)
                continue;
            int n = c.always +
                    static_cast<int>(std::count_if(c.firsts.begin(), c.firsts.end(), counted));
            if (n < c.need) {
                A[c.pseudo].runnable = false;
                changed = true;
            }
        }
        for (const Rel& r : b.rels) {
            auto& f = A[r.first];
            auto& t = A[r.then];
            if (r.runnable_left && t.runnable && will_not_run(r.first)) {
                t.runnable = false;
                changed = true;
            }
            // What an unmanaged (or blocked) resource does is never required.
            if (r.implies_then && required(f) && f.runnable && t.optional && t.runnable &&
                !(b.owner[r.then] && b.owner[r.then]->is_primitive() &&
                  (b.unmanaged(b.owner[r.then]) || b.owner[r.then]->blocked))) {
                t.optional = false;
                changed = true;
            }
            if (r.implies_first && required(t) && f.optional &&
                !(b.owner[r.first] &&
                  (b.unmanaged(b.owner[r.first]) || b.owner[r.first]->blocked))) {
                f.optional = false;
                changed = true;
            }
        }
        // A primary placed somewhere whose every start cannot run (held by
        // an ordering, or by no-quorum-policy=freeze) will not be where its
        // dependents must be: what is colocated with it (INFINITY) cannot
        // start either, and so stops where it runs.
        for (const auto& [primary, dependent] : musts) {
            bool any_runnable = false, blocked = false;
            for (Rsc* p : primary) {
                if (p->start_action < 0)
                    continue;
                if (A[p->start_action].runnable)
                    any_runnable = true;
                else if (was_runnable[p->start_action] || p->next_node >= 0)
                    blocked = true;
            }
            if (any_runnable || !blocked)
                continue;
            for (Rsc* d : dependent)
                if (d->start_action >= 0 && A[d->start_action].runnable && !b.unmanaged(d)) {
                    A[d->start_action].runnable = false;
                    changed = true;
                }
        }
        // A running resource whose start can no longer happen must stop;
        // a required start of a running resource means a restart.
        for (Rsc* p : prims) {
            if (!p->active() || b.unmanaged(p) || p->blocked)
                continue;
            auto& st = A[p->start_action];
            auto& sp = A[p->stop_action];
            if (!st.runnable && sp.optional) {
                sp.optional = false;
                changed = true;
            }
            if (required(st) && st.runnable && sp.optional) {
                sp.optional = false;
                changed = true;
            }
        }
    }
    // Clone-level start pseudo actions are runnable if any instance start is.
    for (const Rel& r : b.rels)
        g.edges.push_back({r.first, r.then});
}

}  // namespace crm::scheduler::detail
