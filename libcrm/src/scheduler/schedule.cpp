// The scheduler's entry point and its plain-text renderings.
#include <algorithm>
#include <sstream>

#include "working_set.h"

namespace crm::scheduler {

const char* role_name(Role r) {
    switch (r) {
        case Role::Stopped:
            return "Stopped";
        case Role::Started:
            return "Started";
        case Role::Unpromoted:
            return "Unpromoted";
        case Role::Promoted:
            return "Promoted";
    }
    return "Unknown";
}

Result<Transition> schedule(const cib::Cib& cib, const Options& options) {
    detail::WorkingSet ws;
    ws.now = options.now;
    ws.probes = options.probes;
    ws.explain_id = options.explain;
    if (auto st = detail::unpack_config(cib, ws); !st)
        return Error{st.error()};
    if (auto st = detail::unpack_status(cib, ws); !st)
        return Error{st.error()};
    if (auto st = detail::resolve_rule_locations(ws); !st)
        return Error{st.error()};
    detail::assign(ws);
    Transition t;
    detail::build_actions(ws, t.graph, options.probes);
    detail::schedule_recurring(cib, ws, t.graph);
    detail::summarize(ws, t.graph, t);
    detail::schedule_probes(ws, t.graph);
    std::vector<detail::Rsc*> prims;
    for (auto* top : ws.top)
        detail::primitives_of(top, prims);
    t.scores.reserve(prims.size() * ws.nodes.size());
    for (auto* p : prims)
        for (size_t n = 0; n < p->score.size(); ++n)
            t.scores.push_back({p->id, ws.nodes[n].name, p->score[n]});
    t.warnings = ws.warnings;
    t.recheck_at = ws.recheck_at;
    t.explanation = ws.explanation;
    return t;
}

std::vector<std::string> canonical_lines(const Transition& t) {
    std::vector<std::string> placement, actions;
    for (const auto& p : t.next)
        placement.push_back("placement " + p.resource + " " + p.node + " " +
                            (p.failed ? "FAILED:" : "") + role_name(p.role));
    for (const auto& s : t.summary) {
        if (s.verb == "fence") {
            actions.push_back("action fence " + s.resource + " " + s.fence_kind);
            continue;
        }
        std::string where;
        if (s.verb == "start")
            where = s.to;
        else if ((s.verb == "move" || s.verb == "recover" || s.verb == "migrate") && s.to != s.from)
            where = s.from + "->" + s.to;
        else
            where = s.from.empty() ? s.to : s.from;
        std::string line = "action " + s.verb + " " + s.resource + " " + where;
        if (!s.role.empty())
            line += " role=" + s.role;
        if (s.blocked)
            line += " blocked";
        actions.push_back(line);
    }
    std::sort(placement.begin(), placement.end());
    std::sort(actions.begin(), actions.end());
    placement.insert(placement.end(), actions.begin(), actions.end());
    return placement;
}

std::string human_summary(const Transition& t) {
    std::ostringstream o;
    o << "Transition Summary:\n";
    for (const auto& s : t.summary) {
        if (s.verb == "fence") {
            o << "  * Fence (" << s.fence_kind << ") " << s.resource << "\n";
            continue;
        }
        std::string verb = s.verb;
        verb[0] = static_cast<char>(std::toupper(verb[0]));
        o << "  * " << verb << "    " << s.instance << "    ( ";
        if (s.verb == "start")
            o << s.to;
        else if ((s.verb == "move" || s.verb == "recover") && s.to != s.from)
            o << s.from << " -> " << s.to;
        else
            o << s.from;
        o << " )";
        if (s.blocked)
            o << " blocked";
        o << "\n";
    }
    return o.str();
}

}  // namespace crm::scheduler
