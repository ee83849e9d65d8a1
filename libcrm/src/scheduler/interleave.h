#pragma once
// Clone interleaving (meta attribute interleave=true): an order between two
// clones goes instance by instance, each instance of one clone waiting only
// for the other clone's instance on its own node, instead of for the other
// clone as a whole.
#include <string>

#include "working_set.h"

namespace crm::scheduler::detail {

// Whether the ordering "first, then `then_action` of then" pairs instances:
// both are (different) clones and the clone that decides says
// interleave=true. As in Pacemaker, the 'then' clone decides when its
// action brings something up (start, promote), the 'first' clone when it
// takes something down (stop, demote): for a symmetrical order that is the
// configured 'then' clone both ways.
bool interleaved(const Rsc* first, const Rsc* then, const std::string& then_action);

// Whether the order pairs instances in its own direction (first, then),
// and in the inverse direction (then taken down before first) when it is
// symmetrical. With clone-min on the 'first' clone (or require-all=false
// on the order), 'then' waits for enough of it as a whole, never for one
// instance; the inverse pairs as any other.
bool interleaved_forward(const OrderRule& o);
bool interleaved_inverse(const OrderRule& o);

// The action undoing an order's action (stop for start, demote for promote...).
std::string inverse_action(const std::string& action);

// The one node a clone instance (primitive or group) is on now (current)
// or is placed on for after the transition; -1 if none or several.
int instance_node(const Rsc* inst, bool current);

// The first instance of clone c on node n (now or after the transition)
// that is not stuck by a failure; nullptr if there is none.
Rsc* instance_on(const Rsc* c, int n, bool current);

// Whether the ordering's action on `first` is one that takes something
// down (stop, demote): its instances are then paired by where they run
// now, otherwise by where they are placed.
bool pairs_by_current(const std::string& first_action);

// Whether colocation c of a clone with a clone pairs instances: the
// dependent clone says interleave=true, both allow as many instances per
// node, and the colocation is not about the primary's role (that is
// weighed on the promoted instances as a whole).
bool interleaved(const ColocationRule& c);

// The node of the primary clone's instance that an instance of an
// interleaved dependent clone goes with: of the nodes with one placed
// there, the one the instance weighs highest (`weights`, with the nodes
// where it has no room left last), ties to the node with fewer resources,
// then by name; -1 if the primary has no instance placed anywhere.
int partner_node(const WorkingSet& ws, const Rsc* primary, const std::vector<Score>& weights,
                 const std::vector<char>& full);

// A mandatory symmetrical order that interleaves keeps a 'then' instance
// off a node where no instance of the 'first' clone is placed: it is
// unplaced (so it does not start there, and stops if it runs there). Done
// after placement, before actions, until nothing changes (an unplaced
// instance may leave a later clone's instance unpaired in turn).
void unplace_unpaired_instances(WorkingSet& ws);

}  // namespace crm::scheduler::detail
