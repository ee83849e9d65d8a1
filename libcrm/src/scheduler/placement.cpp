// Placement: node scores per resource (locations, stickiness, failure bans,
// node state), colocation between placement units, then assignment of
// units and clone instances to nodes (each choice with Pacemaker's
// tie-breaks: choose_node.cpp).
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>

#include "interleave.h"
#include "placement_parts.h"
#include "working_set.h"

namespace crm::scheduler::detail {

namespace {

using Scores = std::vector<Score>;
const Score kMinusInf = Score::minus_infinity();
const Score kInf = Score::infinity();

bool any_available(const Scores& s) {
    return std::any_of(s.begin(), s.end(), [](Score x) { return x.value() >= 0; });
}

// score * factor the way colocation weighs a dependent's preferences.
Score scaled(Score s, double factor) {
    if (s.is_minus_infinity() || s.is_infinity()) {
        if (factor >= 1.0 || factor <= -1.0)
            return factor > 0 ? s : Score(-static_cast<long long>(s.value()));
    }
    // Truncated like an integer cast, except that a nonzero preference
    // never vanishes: it counts at least 1 either way (as in Pacemaker,
    // where 188 weighed by a colocation of 100 still tips a tie).
    double x = s.value() * factor;
    auto v = static_cast<long long>(x);
    if (v == 0 && x != 0.0)
        v = x > 0 ? 1 : -1;
    return Score(v);
}

struct Placer {
    WorkingSet& ws;
    size_t nn;
    std::map<Rsc*, std::vector<const ColocationRule*>> as_dependent, as_primary;
    std::set<Rsc*> placing;
    // Nodes a clone instance being placed cannot take (clone-node-max reached).
    std::vector<char> full;
    // What interleaved colocations did to the scores of the clone instance
    // being weighed (node, score added), and what stays with an instance
    // that could not stay where it runs: unlike other colocations, the
    // pairing of that attempt still weighs when it is placed with the rest
    // (crm_simulate then pairs it anew on top of it).
    using Effects = std::vector<std::pair<int, Score>>;
    Rsc* weighing = nullptr;
    std::map<Rsc*, Effects> paired, carried;

    Rsc* unit_of(Rsc* r) {
        // Placement units: top-level primitives and groups, and clones.
        Rsc* t = r;
        while (t->parent)
            t = t->parent;
        return t;
    }

    bool unmanaged(Rsc* p) { return stays_unmanaged(ws, p); }

    // Pinned primitives do not move: unmanaged, or failed and blocked.
    bool pinned(Rsc* p) { return unmanaged(p) || p->blocked; }

    void promote(Rsc* c) { choose_promoted(ws, c, as_dependent[c]); }

    // A unit's scores for choosing its node: for a group, the first member's
    // own scores plus each later member's (members are colocated with the
    // one before), dropped again if they would leave nowhere to run.
    // `merging`: as a resource colocated with u weighs it (merge_score).
    Scores unit_scores(Rsc* u, Rsc* coloc_unit = nullptr, bool merging = false) {
        auto of = [&](Rsc* p) -> const Scores& { return merging ? p->merge_score : p->score; };
        auto colocate = [&](Scores& s) {
            if (!coloc_unit)
                return;
            weighing = coloc_unit != u ? u : nullptr;
            if (weighing)
                for (const auto& [n, add] : carried[u])
                    s[n] += add;
            apply_primaries(coloc_unit, s);
            weighing = nullptr;
        };
        if (u->is_primitive()) {
            Scores s = of(u);
            colocate(s);
            return s;
        }
        Scores acc = of(u->children.front());
        colocate(acc);
        for (size_t i = 1; i < u->children.size(); ++i) {
            Scores tryit = acc;
            for (size_t n = 0; n < nn; ++n)
                tryit[n] += of(u->children[i])[n];
            if (!any_available(tryit))
                break;
            acc = tryit;
        }
        return acc;
    }

    bool explains_unit(Rsc* u) {
        if (ws.explain_id.empty())
            return false;
        std::vector<Rsc*> ps;
        primitives_of(u, ps);
        for (Rsc* p : ps)
            if (ws.explains(p))
                return true;
        return ws.explains(u);
    }

    // Adds the preferences of resources colocated with `u`, weighted by
    // score/INFINITY, recursively (in a colocation loop the dependent may
    // be placed already: its preferences still count).
    void add_dependents(Rsc* u, Scores& s, double factor, std::set<Rsc*>& seen) {
        for (const ColocationRule* c : as_primary[u]) {
            if (c->dependent_role != Role::Started || c->primary_role != Role::Started)
                continue;
            Rsc* d = c->dependent;
            if (seen.count(d))
                continue;
            seen.insert(d);
            double f = factor * c->score.value() / double(Score::kInfinity);
            Scores ds =
                d->kind == Kind::Clone ? clone_scores(ws, d) : unit_scores(d, nullptr, true);
            add_dependents(d, ds, f, seen);
            Scores tryit = s;
            if (d->kind == Kind::Group && !d->children.empty() && as_primary[d].empty())
                tryit = with_group(s, d, f);
            else
                for (size_t n = 0; n < nn; ++n) {
                    if (f < 0 && ds[n].value() < 0)
                        continue;
                    tryit[n] += scaled(ds[n], f);
                }
            if (any_available(tryit)) {
                if (explains_unit(u))
                    for (size_t n = 0; n < nn; ++n)
                        if (tryit[n] != s[n])
                            ws.why(ws.nodes[n].name + ": " + s[n].to_string() + " -> " +
                                   tryit[n].to_string() + ": preferences of " + d->name +
                                   " (colocated with it, '" + c->id + "')");
                s = tryit;
            }
        }
    }

    // s with the preferences of group d colocated with it at factor f, as
    // Pacemaker weighs a group: its first member scaled by f, each later
    // member (colocated with the one before) at full strength, dropped from
    // the first that would leave nowhere to run.
    Scores with_group(const Scores& s, Rsc* d, double f) {
        Scores acc = s;
        const Scores& first = d->children.front()->merge_score;
        for (size_t n = 0; n < nn; ++n)
            if (!(f < 0 && first[n].value() < 0))
                acc[n] += scaled(first[n], f);
        if (!any_available(acc))
            return acc;
        double sign = f < 0 ? -1.0 : 1.0;
        for (size_t i = 1; i < d->children.size(); ++i) {
            const Scores& m = d->children[i]->merge_score;
            Scores tryit = acc;
            for (size_t n = 0; n < nn; ++n)
                if (!(sign < 0 && m[n].value() < 0))
                    tryit[n] += scaled(m[n], sign);
            if (!any_available(tryit))
                break;
            acc = tryit;
        }
        return acc;
    }

    // Restricts s by the placed primaries of u.
    void apply_primaries(Rsc* u, Scores& s) {
        for (const ColocationRule* c : as_dependent[u]) {
            Rsc* p = c->primary;
            if (!p->assigned_done)
                continue;  // colocation loop: not placed yet
            if (c->dependent_role == Role::Promoted)
                continue;  // decides promotion only
            // Where the primary runs. A preference (not a must) with a
            // clone weighs each instance on its own, in instance order, as
            // Pacemaker does: each one's contribution is rolled back alone.
            bool finite = !c->score.is_infinity() && !c->score.is_minus_infinity();
            std::vector<std::vector<char>> ons;
            if (interleaved(*c)) {
                // Each instance goes with one instance of the primary: the
                // one on the node it weighs highest. Without any, a must
                // leaves it nowhere to run; a preference weighs nothing.
                int n = partner_node(ws, p, s, full);
                if (explains_unit(u))
                    ws.why(n >= 0 ? "interleaved with the instance of " + p->name + " on " +
                                        ws.nodes[n].name + " ('" + c->id + "')"
                                  : "no instance of " + p->name + " to interleave with ('" + c->id +
                                        "')");
                if (n >= 0) {
                    ons.emplace_back(nn, 0);
                    ons.back()[n] = 1;
                } else if (c->score.is_infinity()) {
                    ons.emplace_back(nn, 0);
                }
            } else if (p->kind == Kind::Clone) {
                std::vector<char> all(nn, 0);
                for (Rsc* inst : p->children)
                    if (inst->next_node >= 0 &&
                        (c->primary_role == Role::Started || inst->next_role == c->primary_role)) {
                        all[inst->next_node] = 1;
                        if (finite) {
                            ons.emplace_back(nn, 0);
                            ons.back()[inst->next_node] = 1;
                        }
                    }
                if (!finite)
                    ons.push_back(all);
            } else {
                ons.emplace_back(nn, 0);
                if (p->next_node >= 0)
                    ons.back()[p->next_node] = 1;
            }
            Scores before = s;
            for (const auto& on : ons)
                apply_one(u, c, on, s);
            if (weighing && interleaved(*c))
                for (size_t n = 0; n < nn; ++n)
                    if (s[n] != before[n])
                        paired[weighing].push_back(
                            {int(n), s[n].is_minus_infinity()
                                         ? kMinusInf
                                         : Score(s[n].value() - before[n].value())});
        }
    }

    // Applies colocation c of u with a primary running on the nodes `on`.
    void apply_one(Rsc* u, const ColocationRule* c, const std::vector<char>& on, Scores& s) {
        Rsc* p = c->primary;
        bool tell = explains_unit(u);
        // A preference (not a must) that would leave no node to run on
        // is rolled back, as Pacemaker does.
        if (!c->score.is_infinity() && !c->score.is_minus_infinity()) {
            bool left = false;
            for (size_t n = 0; n < nn; ++n) {
                Score x = on[n] ? s[n] + c->score : s[n];
                if (x.value() >= 0 && ws.nodes[n].can_run() && (full.empty() || !full[n]))
                    left = true;
            }
            if (!left) {
                if (tell)
                    ws.why("colocation '" + c->id + "' with " + p->name +
                           " ignored: it would leave no node to run on");
                return;
            }
        }
        for (size_t n = 0; n < nn; ++n) {
            std::string what;
            if (c->score.is_infinity()) {
                if (!on[n]) {
                    s[n] = kMinusInf;
                    what = "-INFINITY: must run with " + p->name;
                }
            } else if (c->score.is_minus_infinity()) {
                if (on[n]) {
                    s[n] = kMinusInf;
                    what = "-INFINITY: must not run with " + p->name;
                }
            } else if (on[n]) {
                s[n] += c->score;
                what = c->score.to_string() + " colocated with " + p->name;
            }
            if (tell && !what.empty())
                ws.why(ws.nodes[n].name + ": " + what + " (colocation '" + c->id + "')");
        }
    }

    void set_node(Rsc* r, int n) {
        r->next_node = n;
        r->next_role = n >= 0 ? Role::Started : Role::Stopped;
        if (n >= 0 && r->is_primitive()) {
            ws.nodes[n].assigned++;
            for (auto& [k, v] : r->utilization)
                ws.nodes[n].used[k] += v;
        }
    }

    // Places the members of a group (or a single primitive) given the node
    // chosen for the unit.
    void place_members(Rsc* u, int node) {
        if (u->is_primitive()) {
            if (pinned(u)) {
                set_node(
                    u, u->current_node() >= 0 && u->role != Role::Stopped ? u->current_node() : -1);
                if (unmanaged(u) && u->active() && u->current_node() < 0)
                    set_node(u, u->running_on[0]);
                return;
            }
            set_node(u, node);
            return;
        }
        bool ok = node >= 0;
        for (size_t i = 0; i < u->children.size(); ++i) {
            Rsc* m = u->children[i];
            if (pinned(m)) {
                set_node(m, m->active() ? m->running_on[0] : -1);
                if (!m->active())
                    ok = false;
                continue;
            }
            // The first member goes where the group's scores chose; each
            // later one weighs in the members that follow it, as the unit's
            // scores did for the first.
            if (ok && i > 0 && scores_from(u, i)[node].value() < 0)
                ok = false;
            set_node(m, ok ? node : -1);
        }
        // The group is where its first member is (nowhere if that one is
        // not placed, even when a node was chosen for it).
        u->next_node = u->children.empty() ? node : u->children.front()->next_node;
    }

    // Member i's scores plus those of the members after it (each colocated
    // with the one before), dropped from the first that would leave nowhere
    // to run.
    Scores scores_from(Rsc* g, size_t i) {
        Scores acc = g->children[i]->score;
        for (size_t j = i + 1; j < g->children.size(); ++j) {
            Scores tryit = acc;
            for (size_t n = 0; n < nn; ++n)
                tryit[n] += g->children[j]->score[n];
            if (!any_available(tryit))
                break;
            acc = tryit;
        }
        return acc;
    }

    void place(Rsc* u) {
        if (u->assigned_done || placing.count(u))
            return;
        placing.insert(u);
        // Primaries first; in a colocation loop, whoever comes first goes first.
        for (const ColocationRule* c : as_dependent[u])
            place(c->primary);
        if (u->kind == Kind::Clone) {
            place_clone(u);
        } else {
            Scores s = unit_scores(u, u);
            std::set<Rsc*> seen{u};
            add_dependents(u, s, 1.0, seen);
            int current = -1;
            if (u->is_primitive())
                current = u->current_node();
            else if (!u->children.empty())
                current = u->children.front()->current_node();
            int chosen = choose_node(ws, s, current, nullptr, 0, u);
            if (explains_unit(u)) {
                for (size_t n = 0; n < nn; ++n)
                    ws.why(ws.nodes[n].name + ": total " + s[n].to_string());
                ws.why(chosen >= 0 ? "chosen: " + ws.nodes[chosen].name +
                                         " (highest score; ties go to the node with fewer "
                                         "resources, then the current node, then the name)"
                                   : std::string("chosen: none (no node scores 0 or more)"));
            }
            place_members(u, chosen);
        }
        u->assigned_done = true;
    }

    static bool failed_instance(Rsc* inst) {
        std::vector<Rsc*> ps;
        primitives_of(inst, ps);
        return std::any_of(ps.begin(), ps.end(), [](Rsc* p) { return p->failed; });
    }

    void place_clone(Rsc* c) {
        std::vector<int> count(nn, 0);
        std::vector<Rsc*> order = c->children;
        // Instances that run somewhere go first so they can stay.
        std::stable_sort(order.begin(), order.end(), [&](Rsc* a, Rsc* b) {
            auto act = [](Rsc* i) {
                std::vector<Rsc*> ps;
                primitives_of(i, ps);
                return std::any_of(ps.begin(), ps.end(), [](Rsc* p) { return p->active(); });
            };
            return act(a) && !act(b);
        });
        // First pass: instances that can stay where they run do so.
        for (Rsc* inst : order) {
            std::vector<Rsc*> ps;
            primitives_of(inst, ps);
            int current = ps.empty() ? -1 : ps.front()->current_node();
            if (current < 0)
                continue;
            full.assign(nn, 0);
            for (size_t n = 0; n < nn; ++n)
                full[n] = count[n] >= c->clone_node_max;
            paired.erase(inst);
            Scores s = unit_scores(inst, c);
            full.clear();
            bool pin = inst->is_primitive() && pinned(inst);
            // Whether it was tried there at all (its node can take it and
            // its own scores allow it): then a failed try leaves the
            // pairing of its interleaved colocations behind.
            bool tried = ws.nodes[current].can_run() && count[current] < c->clone_node_max &&
                         !pin && !failed_instance(inst) && unit_scores(inst)[current].value() >= 0;
            auto stay_not = [&] {
                if (tried && paired.count(inst))
                    carried[inst] = paired[inst];
            };
            if (s[current].value() < 0 || !ws.nodes[current].can_run() ||
                count[current] >= c->clone_node_max) {
                stay_not();
                continue;
            }
            // Only where no other node with room scores higher: otherwise
            // the instance is placed with the rest, best node first.
            bool better_elsewhere = false;
            for (size_t n = 0; n < nn; ++n)
                if (ws.nodes[n].can_run() && count[n] < c->clone_node_max && s[n] > s[current])
                    better_elsewhere = true;
            if (better_elsewhere) {
                stay_not();
                continue;
            }
            if (pin)
                continue;
            // A failed instance is not kept in place ahead of the others:
            // a healthy one may take its node (Pacemaker moves the healthy
            // one there and stops the failed one).
            if (failed_instance(inst))
                continue;
            place_members(inst, current);
            count[current]++;
            inst->assigned_done = true;
        }
        // The rest in Pacemaker's order: instances active where they may
        // still run as far as their own scores go take the free nodes
        // first (those on a node that can run resources before those on a
        // node in standby or down, healthy before failed), then inactive ones,
        // then those whose own scores, stickiness included, are negative
        // where they run (they are replaced there: stop + start, not a
        // move; one that stickiness keeps at 0 or more still moves).
        if (!c->unique) {
            auto rank = [&](Rsc* i) {
                std::vector<Rsc*> ps;
                primitives_of(i, ps);
                if (ps.empty() || !ps.front()->active())
                    return 4;
                int cur = ps.front()->running_on[0];
                for (Rsc* p : ps)
                    if (p->own_score.size() == nn &&
                        (p->own_score[cur] + p->stickiness).value() < 0)
                        return 5;
                // Those on a node that can run resources first, and of
                // each kind the healthy before the failed.
                return (ws.nodes[cur].can_run() ? 0 : 2) + (failed_instance(i) ? 1 : 0);
            };
            std::stable_sort(order.begin(), order.end(),
                             [&](Rsc* a, Rsc* b) { return rank(a) < rank(b); });
        }
        for (Rsc* inst : order) {
            if (inst->assigned_done)
                continue;
            full.assign(nn, 0);
            for (size_t n = 0; n < nn; ++n)
                full[n] = count[n] >= c->clone_node_max;
            Scores s = unit_scores(inst, c);
            full.clear();
            int current = -1;
            if (inst->is_primitive())
                current = inst->current_node();
            else if (!inst->children.empty())
                current = inst->children.front()->current_node();
            int n = choose_node(ws, s, current, &count, c->clone_node_max, inst);
            bool pin = false;
            if (inst->is_primitive() && pinned(inst))
                pin = true;
            place_members(inst, n);
            if (pin)
                n = inst->next_node;
            if (n >= 0)
                count[n]++;
            inst->assigned_done = true;
        }
        c->next_node = -1;
        if (c->promotable)
            promote(c);
    }
};

}  // namespace

void assign(WorkingSet& ws) {
    Placer pl{ws, ws.nodes.size(), {}, {}, {}, {}, nullptr, {}, {}};
    std::vector<Rsc*> prims;
    for (Rsc* t : ws.top)
        primitives_of(t, prims);
    const LocationIndex locations = index_locations(ws);
    for (Rsc* p : prims) {
        if (p->known.size() != pl.nn)
            p->known.assign(pl.nn, 0);
        if (p->failcount.size() != pl.nn)
            p->failcount.assign(pl.nn, 0);
        if (p->banned.size() != pl.nn)
            p->banned.assign(pl.nn, 0);
        // A failed stop that fencing cannot resolve leaves the resource stuck.
        if (p->failed_stop_node >= 0 && !(ws.nodes[p->failed_stop_node].unclean &&
                                          ws.fencing_possible(ws.nodes[p->failed_stop_node])))
            p->blocked = true;
        if (p->failed && p->on_fail == OnFail::Block)
            p->blocked = true;
        // Fencing the node it is stuck on resolves any blocked failure there.
        if (p->blocked && p->running_on.size() == 1 && ws.nodes[p->running_on[0]].unclean &&
            ws.fencing_possible(ws.nodes[p->running_on[0]]))
            p->blocked = false;
        p->score = base_scores(ws, p, locations);
    }
    for (auto& c : ws.colocations) {
        Rsc* d = pl.unit_of(c.dependent);
        Rsc* p = pl.unit_of(c.primary);
        if (d == p)
            continue;
        c.dependent = d;
        c.primary = p;
        pl.as_dependent[d].push_back(&c);
        pl.as_primary[p].push_back(&c);
    }
    std::vector<Rsc*> order = ws.top;
    std::stable_sort(order.begin(), order.end(),
                     [](Rsc* a, Rsc* b) { return a->priority > b->priority; });
    for (Rsc* u : order)
        pl.place(u);
}

}  // namespace crm::scheduler::detail
