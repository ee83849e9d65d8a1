// A primitive's own node scores, before colocation: location constraints
// (a group's on its first member), promotion score attributes, node state,
// hard-error and migration-threshold bans, target-role, stickiness.
#include <algorithm>

#include "placement_parts.h"

namespace crm::scheduler::detail {

namespace {

const Score kMinusInf = Score::minus_infinity();

// The primitive's own target-role decides: its meta attributes already
// hold what it inherits from its group or clone, and a member's own
// setting overrides theirs (as in Pacemaker, where a clone with
// target-role=Stopped still runs a child that says Started).
bool stopped_by_role(const Rsc* p) {
    return p->target_role == "Stopped" || p->target_role == "stopped";
}

}  // namespace

bool stays_unmanaged(const WorkingSet& ws, const Rsc* p) {
    if (ws.maintenance_mode || !p->managed || ws.held_by_startup_disabled(p))
        return true;
    for (int n : p->running_on)
        if (ws.nodes[n].maintenance)
            return true;
    return false;
}

LocationIndex index_locations(const WorkingSet& ws) {
    LocationIndex out;
    for (size_t i = 0; i < ws.locations.size(); ++i)
        out[ws.locations[i].rsc].push_back(i);
    return out;
}

std::vector<Score> base_scores(WorkingSet& ws, Rsc* p, const LocationIndex& locations) {
    using Scores = std::vector<Score>;
    const size_t nn = ws.nodes.size();
    Scores s(nn, Score(0));
    // The resource's own preferences, whatever the state of the nodes.
    Scores& own = p->own_score;
    own.assign(nn, Score(0));
    std::vector<char> allowed(nn, ws.symmetric ? 1 : 0);
    bool tell = ws.explains(p);
    auto why = [&](size_t n, const std::string& what) {
        if (tell)
            ws.why(ws.nodes[n].name + ": " + what);
    };
    // The location constraints on p or a resource containing it, in their
    // order. A group's location counts once, on its first member (the
    // others follow it); the later members are only allowed there: `first`
    // says p is a first member all the way up to the constrained resource.
    std::vector<std::pair<size_t, bool>> mine;
    bool first = true;
    for (Rsc* x = p; x; x = x->parent) {
        if (auto it = locations.find(x); it != locations.end())
            for (size_t i : it->second)
                mine.emplace_back(i, first);
        if (x->parent && x->parent->kind == Kind::Group && x->parent->children.front() != x)
            first = false;
    }
    std::sort(mine.begin(), mine.end());
    for (const auto& [i, first_here] : mine) {
        const LocationRule& l = ws.locations[i];
        if (l.role == Role::Promoted)
            continue;
        allowed[l.node] = 1;
        if (!first_here)
            continue;
        s[l.node] += l.score;
        own[l.node] += l.score;
        why(l.node, l.score.to_string() + " from location constraint '" + l.id + "'");
    }
    // A clone instance cannot run where the clone's own score is negative,
    // whatever its stickiness there (Pacemaker checks the clone's score on
    // a node before placing any instance there).
    if (Rsc* c = p->clone_ancestor())
        if (auto it = locations.find(c); it != locations.end()) {
            Scores cs(nn, Score(0));
            for (size_t i : it->second)
                if (ws.locations[i].role != Role::Promoted)
                    cs[ws.locations[i].node] += ws.locations[i].score;
            for (size_t n = 0; n < nn; ++n)
                if (cs[n].value() < 0) {
                    s[n] = kMinusInf;
                    why(n, "-INFINITY: the clone's own score there is " + cs[n].to_string());
                }
        }
    // Promotable instances lean toward nodes that want them promoted.
    if (p->in_promotable())
        for (size_t n = 0; n < nn; ++n)
            if (auto ps = promotion_score_attr(ws, p, int(n))) {
                s[n] += *ps;
                why(n, ps->to_string() + " promotion score attribute");
            }
    for (size_t n = 0; n < nn; ++n) {
        const Node& node = ws.nodes[n];
        if (!allowed[n])
            why(n, "-INFINITY: opt-in cluster and no location constraint allows it");
        if (node.unclean)
            why(n, "-INFINITY: node is unclean");
        else if (!node.online)
            why(n, "-INFINITY: node is offline");
        if (node.standby)
            why(n, "-INFINITY: node is in standby");
        if (node.maintenance)
            why(n, "-INFINITY: node is in maintenance");
        if (node.shutdown)
            why(n, "-INFINITY: node is shutting down");
        if (!allowed[n])
            own[n] = kMinusInf;
        if (!allowed[n] || !node.can_run())
            s[n] = kMinusInf;
        if (!p->banned.empty() && p->banned[n]) {
            s[n] = own[n] = kMinusInf;
            why(n, "-INFINITY: a hard error or failed start there");
        }
        if (!p->failcount.empty() && p->migration_threshold > 0 &&
            p->failcount[n] >= p->migration_threshold) {
            s[n] = own[n] = kMinusInf;
            why(n, "-INFINITY: migration-threshold " + std::to_string(p->migration_threshold) +
                       " reached after " + std::to_string(p->failcount[n]) + " failures");
        }
    }
    // on-fail=stop: stopped until the failure is cleared.
    bool fail_stop = p->failed && p->on_fail == OnFail::Stop;
    if (p->orphan || fail_stop) {
        std::fill(s.begin(), s.end(), kMinusInf);
        if (tell)
            ws.why(std::string("all nodes: -INFINITY: ") +
                   (p->orphan ? "no longer configured" : "on-fail=stop after a failure"));
    }
    // Start-up disabled (fencing without a device): nothing new is
    // placed, with or without quorum.
    if (ws.startup_disabled() && !p->active())
        std::fill(s.begin(), s.end(), kMinusInf);
    // Stickiness: stay where it runs.
    if (p->running_on.size() == 1 && !stays_unmanaged(ws, p)) {
        s[p->running_on[0]] += p->stickiness;
        if (p->stickiness.value() != 0)
            why(p->running_on[0],
                p->stickiness.to_string() + " resource-stickiness (it runs there)");
    }
    if (stays_unmanaged(ws, p) && tell)
        ws.why("unmanaged: stays where it is, whatever the scores");
    // An unmanaged resource (is-managed=false, maintenance) that runs
    // somewhere prefers that node with INFINITY, as Pacemaker records it:
    // what is colocated with it weighs that too.
    for (int n : p->running_on)
        if (!p->managed || ws.maintenance_mode || ws.nodes[n].maintenance) {
            s[n] += Score::infinity();
            why(n, "+INFINITY: unmanaged, it runs there");
        }
    // target-role=Stopped bans it only when it is placed itself: what is
    // colocated with it still weighs its preferences (as Pacemaker does).
    p->merge_score = s;
    if (stopped_by_role(p)) {
        std::fill(s.begin(), s.end(), kMinusInf);
        if (tell)
            ws.why("all nodes: -INFINITY: target-role=Stopped");
    }
    return s;
}

}  // namespace crm::scheduler::detail
