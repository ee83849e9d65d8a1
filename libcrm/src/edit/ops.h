#pragma once
// Internal to the edit module: building <op> and nvset elements.
#include <string>

#include "crm/edit/resource_edit.h"

namespace crm::edit::detail {

// Checks interval/timeout spelling and builds <op id=RSC-ACTION-interval-I>.
Result<xml::Node> make_op(const xml::Node& cib, const std::string& rsc, const OpSpec& op);

// Checks names (non-empty, no '=') of a k=v list; `what` names the list.
Status check_pairs(const NvList& pairs, const std::string& what, const std::string& rsc);

// Applies pairs to the named nvset child (instance_attributes or
// meta_attributes) of a resource element, creating it with id RSC-<element>.
void apply_set(xml::Node& cib, xml::Node& rsc_element, const std::string& element,
               const NvList& pairs);

// Does the element have meta attribute name=value (any set)?
std::string meta_value(const xml::Node& rsc_element, const std::string& name);

// Removes every constraint that mentions one of the ids (rsc, with-rsc,
// first, then, resource_ref). Returns how many went.
int remove_constraints_for(xml::Node& cib, const std::vector<std::string>& ids);

}  // namespace crm::edit::detail
