#pragma once
// A node's fail counts and last-failure times, read from its transient
// attributes, and the fail counts of resources that have no history there.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "working_set.h"

namespace crm::scheduler::detail {

struct NodeFailures {
    // Fail counts summed over operations, by configured id (instance
    // numbers dropped) and by the exact id written (unique clone instances).
    std::map<std::string, long long> fails, exact_fails;
    // When each resource last failed (last-failure-*), for failure-timeout.
    std::map<std::string, std::int64_t> last, exact_last;
};

// "rsc:3" -> "rsc".
std::string base_id(const std::string& id);

// The failures recorded in the node's attributes, in the form the CIB's
// feature set uses.
NodeFailures read_node_failures(const Node& node, const WorkingSet& ws,
                                const std::string& feature_set);

// A fail count counts on a node whether or not the resource has a history
// there (Pacemaker reads it from the node's attributes for every resource),
// so migration-threshold bans a resource from a node it never ran on too.
// `recorded`: primitives whose history on this node set their count already.
void count_unrecorded_failures(const NodeFailures& f, int node, const std::set<Rsc*>& recorded,
                               const std::vector<Rsc*>& prims, WorkingSet& ws);

}  // namespace crm::scheduler::detail
