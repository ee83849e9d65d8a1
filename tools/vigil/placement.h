#pragma once
// Where the scheduler would put a resource, for `resource move` (pcs 0.11:
// refuse a move that cannot happen, drop the temporary constraint once it
// is no longer needed).
#include <string>
#include <vector>

#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace vigil {

// Nodes where the resource (primitive, group: all members, clone: any
// instance) would be active after the transition the CIB calls for.
crm::Result<std::vector<std::string>> planned_nodes(const crm::xml::Node& cib,
                                                    const std::string& resource);

}  // namespace vigil
