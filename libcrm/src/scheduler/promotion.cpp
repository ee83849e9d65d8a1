// Promotion: which placed instances of a promotable clone take the
// promoted role (promotion score attributes, role-specific locations and
// colocations, promoted-max and promoted-node-max).
#include <algorithm>

#include "placement_parts.h"

namespace crm::scheduler::detail {

namespace {
const Score kMinusInf = Score::minus_infinity();
const Score kInf = Score::infinity();
}  // namespace

// The promotion score the node's attributes give an instance, if any.
std::optional<Score> promotion_score_attr(const WorkingSet& ws, const Rsc* p, int n) {
    const auto& attrs = ws.nodes[n].attrs;
    for (const std::string& key : {"master-" + p->id, "master-" + p->prim->id, "promotion-" + p->id,
                                   "promotion-" + p->prim->id}) {
        auto it = attrs.find(key);
        if (it != attrs.end())
            if (auto s = Score::parse(it->second))
                return *s;
    }
    return std::nullopt;
}

// Which placed instances of a promotable clone are promoted.
void choose_promoted(WorkingSet& ws, Rsc* c,
                     const std::vector<const ColocationRule*>& as_dependent) {
    const size_t nn = ws.nodes.size();
    bool no_promotion =
        c->target_role == "Unpromoted" || c->target_role == "Slave" || ws.promotion_held();
    struct Cand {
        Rsc* inst;
        Score score;
    };
    std::vector<Cand> cands;
    for (Rsc* inst : c->children) {
        if (inst->next_node < 0)
            continue;
        int n = inst->next_node;
        inst->next_role = Role::Unpromoted;
        Score s = promotion_score_attr(ws, inst, n).value_or(Score(-1));
        for (const auto& l : ws.locations)
            if (l.rsc == c && l.role == Role::Promoted && l.node == n)
                s += l.score;
        for (const ColocationRule* col : as_dependent) {
            if (col->dependent_role != Role::Promoted)
                continue;
            Rsc* p = col->primary;
            bool there = false;
            if (p->kind == Kind::Clone) {
                for (Rsc* pi : p->children)
                    if (pi->next_node == n &&
                        (col->primary_role == Role::Started || pi->next_role == col->primary_role))
                        there = true;
            } else {
                there = p->next_node == n;
            }
            if (col->score.is_infinity()) {
                if (!there)
                    s = kMinusInf;
            } else if (col->score.is_minus_infinity()) {
                if (there)
                    s = kMinusInf;
            } else if (there) {
                s += col->score;
            }
        }
        if (!inst->managed || ws.maintenance_mode)
            s = inst->role == Role::Promoted ? kInf : kMinusInf;
        cands.push_back({inst, s});
    }
    std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
        if (a.score != b.score)
            return a.score > b.score;
        return a.inst->role == Role::Promoted && b.inst->role != Role::Promoted;
    });
    int promoted = 0;
    std::vector<int> per_node(nn, 0);
    for (auto& cd : cands) {
        int n = cd.inst->next_node;
        if (no_promotion || cd.score.value() < 0 || promoted >= c->promoted_max ||
            per_node[n] >= c->promoted_node_max)
            continue;
        cd.inst->next_role = Role::Promoted;
        promoted++;
        per_node[n]++;
    }
}

}  // namespace crm::scheduler::detail
