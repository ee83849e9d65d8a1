#pragma once
// Pieces of placement that stand on their own: which instances of a
// promotable clone are promoted (promotion.cpp), node capacity for
// placement-strategy (utilization.cpp), a primitive's own scores
// (base_scores.cpp) and a clone's (clone_scores.cpp), and the choice of a
// node from scores (choose_node.cpp).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "working_set.h"

namespace crm::scheduler::detail {

// The promotion score a node's attributes (master-RSC / promotion-RSC)
// give instance p there, if any.
std::optional<Score> promotion_score_attr(const WorkingSet& ws, const Rsc* p, int node);

// Marks the placed instances of promotable clone c that are promoted,
// given the colocations in which c is the dependent.
void choose_promoted(WorkingSet& ws, Rsc* c,
                     const std::vector<const ColocationRule*>& as_dependent);

// Unmanaged for this transition: maintenance (cluster or a node it runs
// on), is-managed=false, or held where it runs by start-up disabled.
bool stays_unmanaged(const WorkingSet& ws, const Rsc* p);

// ws.locations by the resource each constrains (indexes, in order), so
// that each primitive finds its own without going through all of them.
using LocationIndex = std::map<const Rsc*, std::vector<size_t>>;
LocationIndex index_locations(const WorkingSet& ws);

// The primitive's own node scores (everything but colocation); also fills
// p->own_score, its preferences whatever the state of the nodes.
std::vector<Score> base_scores(WorkingSet& ws, Rsc* p, const LocationIndex& locations);

// What a clone as a whole brings to the placement of a resource colocated
// with it (it weighs the clone's preferences, not an instance's): its own
// location scores on the nodes that can run resources (-INFINITY
// elsewhere), and -INFINITY where an anonymous clone's fail count reached
// migration-threshold (Pacemaker bans the whole clone from that node).
std::vector<Score> clone_scores(const WorkingSet& ws, Rsc* c);

// Whether the node's free capacity covers `need` on every attribute.
bool has_room(const Node& node, const std::map<std::string, long long>& need);

// > 0 when a has more free capacity than b on more attributes, < 0 the
// other way round, 0 when even.
int compare_free_capacity(const Node& a, const Node& b);

// The node a placement unit goes to given its scores s (choose_node.cpp):
// -1 when no node that can run resources scores 0 or more. per_node and
// per_node_max: instances of the clone already on each node, and how many
// a node may take; unit: what must fit when placement-strategy weighs
// utilization.
int choose_node(const WorkingSet& ws, const std::vector<Score>& s, int current,
                const std::vector<int>* per_node, int per_node_max, Rsc* unit);

}  // namespace crm::scheduler::detail
