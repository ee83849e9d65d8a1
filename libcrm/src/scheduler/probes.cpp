// Probes: a one-shot monitor (interval 0) of a resource on a node where
// the status holds no history of it, so the cluster learns whether it is
// running there before deciding anything that depends on it. A resource
// whose state on some node is still unknown may already be running there,
// so none of its starts (on any node) may go ahead before those probes
// report. Probes run after the summary is made: they never appear in it.
#include "working_set.h"

namespace crm::scheduler::detail {
namespace {

// Nodes whose answers can be trusted and acted on: online, not waiting to
// be fenced (fencing settles those), not in maintenance (left alone).
bool probe_node(const Node& n) {
    return n.online && !n.unclean && !n.maintenance;
}

bool runs_on(Rsc* r, int node) {
    std::vector<Rsc*> ps;
    primitives_of(r, ps);
    for (Rsc* p : ps) {
        for (int n : p->running_on)
            if (n == node)
                return true;
    }
    return false;
}

bool placed_on(Rsc* r, int node) {
    std::vector<Rsc*> ps;
    primitives_of(r, ps);
    for (Rsc* p : ps)
        if (p->next_node == node)
            return true;
    return false;
}

// One instance of an anonymous clone stands for the whole clone on a
// node: the one active there, else the one about to be placed there, else
// the first. (Histories of anonymous instances are shared, so whether a
// probe is needed does not depend on which instance is chosen.)
Rsc* anonymous_instance(Rsc* clone, int node) {
    for (Rsc* c : clone->children)
        if (runs_on(c, node))
            return c;
    for (Rsc* c : clone->children)
        if (placed_on(c, node))
            return c;
    return clone->children.front();
}

struct Prober {
    WorkingSet& ws;
    graph::Graph& g;
    std::vector<int> probes;  // of the current top-level resource

    void visit(Rsc* r, int node) {
        switch (r->kind) {
            case Kind::Primitive:
                probe(r, node);
                return;
            case Kind::Group:
                for (Rsc* c : r->children)
                    visit(c, node);
                return;
            case Kind::Clone:
                if (r->children.empty())
                    return;
                if (r->unique) {
                    for (Rsc* c : r->children)
                        visit(c, node);
                } else {
                    visit(anonymous_instance(r, node), node);
                }
                return;
        }
    }

    void probe(Rsc* p, int node) {
        // Orphans are only stopped where their history shows them.
        if (p->orphan || !p->prim)
            return;
        if (node < static_cast<int>(p->known.size()) && p->known[node])
            return;
        graph::Action a;
        a.id = static_cast<int>(g.actions.size());
        a.resource = p->id;
        a.task = "monitor";
        a.interval_ms = 0;
        a.node = ws.nodes[node].name;
        g.actions.push_back(a);
        probes.push_back(a.id);
    }
};

}  // namespace

void schedule_probes(WorkingSet& ws, graph::Graph& g) {
    if (!ws.probes)
        return;
    Prober pr{ws, g, {}};
    for (Rsc* top : ws.top) {
        pr.probes.clear();
        for (const Node& n : ws.nodes)
            if (probe_node(n))
                pr.visit(top, n.index);
        if (pr.probes.empty())
            continue;
        // Every start of the resource, wherever it is, waits for every
        // probe of it (a group or clone as a whole, as Pacemaker orders the
        // probes before the top-level resource's start).
        std::vector<Rsc*> prims;
        primitives_of(top, prims);
        for (Rsc* p : prims) {
            if (p->start_action < 0)
                continue;
            for (int probe : pr.probes)
                g.edges.push_back({probe, p->start_action});
        }
    }
}

}  // namespace crm::scheduler::detail
