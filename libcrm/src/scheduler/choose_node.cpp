// Choosing a node from a placement unit's scores, with Pacemaker's
// tie-breaks: the higher score, then (for clone instances) fewer instances
// of the clone on the node, then what placement-strategy weighs (free
// capacity, or the current node and the name for "minimal"), then fewer
// resources assigned so far, then the current node, then the node name.
#include <map>
#include <string>

#include "placement_parts.h"

namespace crm::scheduler::detail {

namespace {

using Need = std::map<std::string, long long>;

// Total utilization of the primitives of a unit (group members summed);
// what stays where it is (unmanaged or blocked) needs no room.
Need need_of(const WorkingSet& ws, Rsc* unit) {
    Need need;
    std::vector<Rsc*> ps;
    primitives_of(unit, ps);
    for (Rsc* p : ps)
        if (!stays_unmanaged(ws, p) && !p->blocked)
            for (const auto& [k, v] : p->utilization)
                need[k] += v;
    return need;
}

}  // namespace

int choose_node(const WorkingSet& ws, const std::vector<Score>& s, int current,
                const std::vector<int>* per_node, int per_node_max, Rsc* unit) {
    const size_t nn = ws.nodes.size();
    const std::string& strategy = ws.placement_strategy;
    const bool by_capacity = strategy != "default" && unit;
    Need need;
    if (by_capacity)
        need = need_of(ws, unit);
    auto fits = [&](int n) { return has_room(ws.nodes[n], need); };
    auto better = [&](int a, int b) {
        if (s[a] != s[b])
            return s[a] > s[b];
        if (per_node && (*per_node)[a] != (*per_node)[b])
            return (*per_node)[a] < (*per_node)[b];
        if (strategy == "balanced") {
            int c = compare_free_capacity(ws.nodes[a], ws.nodes[b]);
            if (c != 0)
                return c > 0;
        }
        if (strategy == "minimal") {
            if ((a == current) != (b == current))
                return a == current;
            return ws.nodes[a].name < ws.nodes[b].name;
        }
        if (ws.nodes[a].assigned != ws.nodes[b].assigned)
            return ws.nodes[a].assigned < ws.nodes[b].assigned;
        if ((a == current) != (b == current))
            return a == current;
        return ws.nodes[a].name < ws.nodes[b].name;
    };
    int best = -1;
    for (size_t n = 0; n < nn; ++n) {
        if (s[n].value() < 0 || !ws.nodes[n].can_run())
            continue;
        if (per_node && (*per_node)[n] >= per_node_max)
            continue;
        if (by_capacity && !fits(int(n)))
            continue;
        if (best < 0 || better(int(n), best))
            best = int(n);
    }
    // Stay on the current node when it is as good as the best.
    if (best >= 0 && current >= 0 && current != best && s[current] == s[best] &&
        s[current].value() > 0 && ws.nodes[current].can_run() && (!by_capacity || fits(current)) &&
        (!per_node || (*per_node)[current] < per_node_max))
        best = current;
    return best;
}

}  // namespace crm::scheduler::detail
