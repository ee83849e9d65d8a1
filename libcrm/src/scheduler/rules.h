#pragma once
#include <optional>

#include "crm/cib/rule.h"
#include "working_set.h"

namespace crm::scheduler::detail {

// Whether the rule holds on the node; an Error for expressions the
// scheduler does not evaluate (dates, value-source, ...).
Result<bool> rule_holds(const cib::Rule& r, const Node& node);
// The score the rule gives the node, or nothing if it does not hold there.
Result<std::optional<Score>> rule_score(const cib::Rule& r, const Node& node);

}  // namespace crm::scheduler::detail
