// Start-up disabled (fencing enabled without a device): which of a clone's
// active instances stay where they are and which, beyond clone-max, stop.
#include <utility>

#include "working_set.h"

namespace crm::scheduler::detail {

namespace {

// Start-up disabled leaves active instances where they are, up to
// clone-max; the extra ones stop. Pacemaker keeps healthy instances first,
// then failed ones, then those on nodes to be fenced: an extra instance
// takes the place of a worse one.
int badness(const WorkingSet& ws, const Rsc* p) {
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
            if (p->active() && p->prim && p->name == o->name && badness(ws, p) > badness(ws, o) &&
                (!worst || badness(ws, p) > badness(ws, worst)))
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
    }
}

}  // namespace crm::scheduler::detail
