// Start-up disabled (fencing enabled without a device): which of a clone's
// active instances stay where they are and which, beyond clone-max, stop.
#include <algorithm>
#include <utility>

#include "working_set.h"

namespace crm::scheduler::detail {

namespace {

// Whether the clone's own scores ban an instance from where it runs (a hard
// error there, migration-threshold reached, a negative location score, or
// an opt-in cluster with no location constraint for it on that node):
// Pacemaker then treats it as having no usable current node.
bool banned_where_it_runs(const WorkingSet& ws, Rsc* clone, const Rsc* p) {
    std::vector<Rsc*> ps;
    primitives_of(clone, ps);
    for (int n : p->running_on) {
        if (n < static_cast<int>(p->banned.size()) && p->banned[n])
            return true;
        for (const Rsc* q : ps)
            if (q->prim && n < static_cast<int>(q->failcount.size()) &&
                q->migration_threshold > 0 && q->failcount[n] >= q->migration_threshold)
                return true;
        Score sum(0);
        bool allowed = ws.symmetric;  // opt-in: only where a location names the node
        for (const auto& l : ws.locations)
            if (l.node == n && l.role != Role::Promoted &&
                (l.rsc == clone || std::find(ps.begin(), ps.end(), l.rsc) != ps.end())) {
                sum += l.score;
                allowed = true;
            }
        if (sum.value() < 0 || !allowed)
            return true;
    }
    return false;
}

// Start-up disabled leaves active instances where they are, up to
// clone-max; the extra ones stop. Pacemaker keeps healthy instances first,
// then failed ones, then those it cannot count where they run (a node to
// be fenced, or banned there), in their order: an extra instance takes the
// place of a strictly worse one, the last of the worst.
int badness(const WorkingSet& ws, Rsc* clone, const Rsc* p) {
    if (banned_where_it_runs(ws, clone, p))
        return 2;
    for (int n : p->running_on)
        if (ws.nodes[n].unclean)
            return 2;
    return p->failed ? 1 : 0;
}

}  // namespace

void keep_healthy_instances(WorkingSet& ws) {
    for (Rsc* o : ws.top) {
        if (!o->orphan_of || !o->active())
            continue;
        std::vector<Rsc*> ps;
        primitives_of(o->orphan_of, ps);
        Rsc* worst = nullptr;
        for (Rsc* p : ps)
            if (p->active() && p->prim && p->name == o->name &&
                badness(ws, o->orphan_of, p) > badness(ws, o->orphan_of, o) &&
                (!worst || badness(ws, o->orphan_of, p) >= badness(ws, o->orphan_of, worst)))
                worst = p;
        if (!worst)
            continue;
        std::swap(worst->running_on, o->running_on);
        std::swap(worst->role, o->role);
        std::swap(worst->failed, o->failed);
        std::swap(worst->failure_key, o->failure_key);
        std::swap(worst->on_fail, o->on_fail);
        std::swap(worst->failed_stop_node, o->failed_stop_node);
        std::swap(worst->failed_start, o->failed_start);
        // What stays is still Pacemaker's extra instance: not monitored.
        worst->unmonitored = true;
    }
}

}  // namespace crm::scheduler::detail
