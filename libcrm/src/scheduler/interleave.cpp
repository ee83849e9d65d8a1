// Clone interleaving: which orders pair instances, how an instance finds
// its partner, and the instances that have none.
#include "interleave.h"

#include <algorithm>
#include <set>

#include "clone_min.h"
#include "crm/common/strings.h"
#include "placement_parts.h"

namespace crm::scheduler::detail {

namespace {

bool says_interleave(const Rsc* c) {
    auto it = c->meta.find("interleave");
    return it != c->meta.end() && parse_bool(it->second).value_or(false);
}

bool takes_down(const std::string& action) {
    return action == "stop" || action == "demote";
}

// A failure that keeps any part of an instance stuck makes it no partner.
bool stuck(const Rsc* inst) {
    std::vector<Rsc*> ps;
    primitives_of(const_cast<Rsc*>(inst), ps);
    for (const Rsc* p : ps)
        if (p->blocked)
            return true;
    return false;
}

}  // namespace

bool interleaved(const Rsc* first, const Rsc* then, const std::string& then_action) {
    if (!first || !then || first == then)
        return false;
    if (first->kind != Kind::Clone || then->kind != Kind::Clone)
        return false;
    return says_interleave(takes_down(then_action) ? first : then);
}

bool interleaved_forward(const OrderRule& o) {
    return required_instances(o) == 0 && interleaved(o.first, o.then, o.then_action);
}

bool interleaved_inverse(const OrderRule& o) {
    return o.symmetrical && interleaved(o.then, o.first, inverse_action(o.first_action));
}

std::string inverse_action(const std::string& action) {
    if (action == "start")
        return "stop";
    if (action == "stop")
        return "start";
    if (action == "promote")
        return "demote";
    return "promote";
}

bool pairs_by_current(const std::string& first_action) {
    return takes_down(first_action);
}

int instance_node(const Rsc* inst, bool current) {
    std::vector<Rsc*> ps;
    primitives_of(const_cast<Rsc*>(inst), ps);
    std::set<int> nodes;
    for (const Rsc* p : ps) {
        if (current)
            nodes.insert(p->running_on.begin(), p->running_on.end());
        else if (p->next_node >= 0)
            nodes.insert(p->next_node);
    }
    return nodes.size() == 1 ? *nodes.begin() : -1;
}

Rsc* instance_on(const Rsc* c, int n, bool current) {
    if (n < 0)
        return nullptr;
    for (Rsc* inst : c->children)
        if (!stuck(inst) && instance_node(inst, current) == n)
            return inst;
    return nullptr;
}

bool interleaved(const ColocationRule& c) {
    const Rsc* d = c.dependent;
    const Rsc* p = c.primary;
    if (!d || !p || d == p || d->kind != Kind::Clone || p->kind != Kind::Clone)
        return false;
    if (p->promotable && c.primary_role != Role::Started)
        return false;
    return says_interleave(d) && d->clone_node_max == p->clone_node_max;
}

int partner_node(const WorkingSet& ws, const Rsc* primary, const std::vector<Score>& weights,
                 const std::vector<char>& full) {
    auto weight = [&](int n) {
        return n < static_cast<int>(full.size()) && full[n] ? Score::minus_infinity() : weights[n];
    };
    int best = -1;
    for (int n = 0; n < static_cast<int>(weights.size()); ++n) {
        if (!instance_on(primary, n, false))
            continue;
        if (best < 0 || weight(n) > weight(best) ||
            (weight(n) == weight(best) && (ws.nodes[n].assigned < ws.nodes[best].assigned ||
                                           (ws.nodes[n].assigned == ws.nodes[best].assigned &&
                                            ws.nodes[n].name < ws.nodes[best].name))))
            best = n;
    }
    return best;
}

void unplace_unpaired_instances(WorkingSet& ws) {
    bool changed = true;
    while (changed) {
        changed = false;
        for (const auto& o : ws.orders) {
            // Only an order that holds 'then' back when 'first' cannot run
            // (mandatory, symmetrical) keeps an unpaired instance off its
            // node; pairs by where things run now never do (a 'then'
            // instance without a partner there has nothing to wait for).
            if (!o.mandatory || !o.symmetrical || pairs_by_current(o.first_action) ||
                !interleaved_forward(o))
                continue;
            for (Rsc* inst : o.then->children) {
                int n = instance_node(inst, false);
                if (n < 0 || instance_on(o.first, n, false))
                    continue;
                std::vector<Rsc*> ps;
                primitives_of(inst, ps);
                // What stays where it is whatever happens (unmanaged, or
                // stuck by a failure) is left alone.
                if (std::any_of(ps.begin(), ps.end(),
                                [&](const Rsc* p) { return stays_unmanaged(ws, p) || p->blocked; }))
                    continue;
                for (Rsc* p : ps) {
                    if (ws.explains(p))
                        ws.why("not placed on " + ws.nodes[n].name + " after all: ordered after " +
                               o.first->name + " (interleaved), which has no instance there");
                    p->next_node = -1;
                    p->next_role = Role::Stopped;
                }
                changed = true;
            }
        }
    }
}

}  // namespace crm::scheduler::detail
