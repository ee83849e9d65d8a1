#pragma once
// clone-min: how many instances of a clone must be active (or starting in
// this transition) before what is ordered after the clone may start.
#include <string>

#include "crm/common/result.h"
#include "working_set.h"

namespace crm::scheduler::detail {

// The clone's clone-min meta attribute as a count of instances: 0 when
// unset; an error naming the clone when it is not a whole number >= 0.
Result<int> parse_clone_min(const std::string& text, const std::string& clone_id);

// How many of the first clone's instances (or of the members of a
// require-all=false set, o.any_of) must be able to do the order's first
// action for its 'then' to be runnable: 1 for a set; for a clone
// clone-min, else 1 when the order says require-all=false; 0 when the
// order is not counted (first is not a clone, or neither is set).
int required_instances(const OrderRule& o);

}  // namespace crm::scheduler::detail
