#pragma once
// The scheduler: a pure, deterministic function from a CIB (configuration
// plus recorded status) to where every resource should run and the
// transition (ordered actions) that gets the cluster there. It follows the
// decisions of Pacemaker 2.1's scheduler for the features it supports and
// refuses the rest (bundles, remote nodes, tickets, rules it cannot
// evaluate ...) with an Error naming the construct.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/common/result.h"
#include "crm/graph/graph.h"

namespace crm::scheduler {

struct Options {
    std::int64_t now = 0;  // epoch seconds; failure-timeout expiry and date rules use it
    bool probes = true;    // schedule probes for resources with unknown state on a node
    std::string explain;   // resource id: narrate its score contributions (Transition::explanation)
};

enum class Role { Stopped, Started, Unpromoted, Promoted };
const char* role_name(Role r);

// One resource instance active on one node.
struct Placement {
    std::string resource;  // canonical name: "rsc" or "clone:child"
    std::string node;
    Role role = Role::Started;
    bool failed = false;  // still marked failed (blocked stop, unmanaged failure)
};

// One line of the transition summary (crm_simulate's "Transition Summary").
struct SummaryItem {
    std::string verb;      // start stop restart recover move promote demote fence ...
    std::string resource;  // canonical name; node name for fence
    std::string instance;  // instance id as scheduled ("rsc:1"); node for fence
    std::string from;      // current node ("" if none)
    std::string to;        // next node ("" if none)
    std::string role;      // "" or "Promoted" or "Unpromoted->Promoted" (roles shown by Pacemaker)
    std::string fence_kind;
    bool blocked = false;
};

// Per resource instance and node, the final score used for placement.
struct ScoreEntry {
    std::string resource;
    std::string node;
    Score score;
};

struct Transition {
    graph::Graph graph;
    std::vector<Placement> current;  // before the transition
    std::vector<Placement> next;     // after it, assuming every executable action succeeds
    std::vector<SummaryItem> summary;
    std::vector<ScoreEntry> scores;
    std::vector<std::string> warnings;     // things ignored on purpose, for the operator
    std::vector<std::string> explanation;  // for Options::explain: "node: +50 from location 'l1'"
    // The earliest moment (epoch seconds, after Options::now) at which a
    // failure counted now expires by failure-timeout: the scheduler must run
    // again then, since the answer may change. nullopt: nothing expires.
    std::optional<std::int64_t> recheck_at;
};

Result<Transition> schedule(const cib::Cib& cib, const Options& options);

// The canonical lines of the conformance format: "placement RSC NODE ROLE"
// and "action VERB RSC WHERE [role=..] [blocked]", sorted.
std::vector<std::string> canonical_lines(const Transition& t);
// crm_simulate style "Transition Summary:" text.
std::string human_summary(const Transition& t);

}  // namespace crm::scheduler
