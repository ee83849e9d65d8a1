// A clone's own node scores, for what is colocated with it.
#include "placement_parts.h"

namespace crm::scheduler::detail {

std::vector<Score> clone_scores(const WorkingSet& ws, Rsc* c) {
    const size_t nn = ws.nodes.size();
    std::vector<Score> s(nn, Score(0));
    std::vector<char> allowed(nn, ws.symmetric ? 1 : 0);
    for (const auto& l : ws.locations)
        if (l.rsc == c && l.role != Role::Promoted) {
            s[l.node] += l.score;
            allowed[l.node] = 1;
        }
    std::vector<Rsc*> ps;
    primitives_of(c, ps);
    for (size_t n = 0; n < nn; ++n) {
        if (!allowed[n] || !ws.nodes[n].can_run())
            s[n] = Score::minus_infinity();
        if (c->unique)
            continue;
        for (Rsc* p : ps)
            if (!p->failcount.empty() && p->migration_threshold > 0 &&
                p->failcount[n] >= p->migration_threshold)
                s[n] = Score::minus_infinity();
    }
    return s;
}

}  // namespace crm::scheduler::detail
