#pragma once
// Cluster properties read straight from the CIB's XML (crm_config's
// cluster_property_sets), for the daemon's own settings (dc-deadtime,
// shutdown-escalation ...) that it needs without unpacking the whole CIB.
#include <cstdint>
#include <string>

#include "crm/xml/xml_node.h"

namespace vigild {

// The first nvpair of that name in any cluster_property_set, or null.
const crm::xml::Node* find_property(const crm::xml::Node& cib, const std::string& name);

// A duration property in ms; `fallback` when unset, not a duration, or
// below `min_ms`.
std::int64_t duration_property_ms(const crm::xml::Node& cib, const std::string& name,
                                  std::int64_t fallback, std::int64_t min_ms = 0);

}  // namespace vigild
