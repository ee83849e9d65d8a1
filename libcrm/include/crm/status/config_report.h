#pragma once
// The whole configuration as an operator reads it in pcs's layout
// (`vigil config`, like `pcs config`): cluster name, nodes, resources,
// stonith devices, constraints, defaults, properties. Pure: the text of
// one CIB document.
#include <string>

#include "crm/xml/xml_node.h"

namespace crm::status {

// Every section of `vigil config`.
std::string config_report(const xml::Node& cib);

// The constraints part alone (`vigil constraint list`): Location, Ordering
// and Colocation Constraints, grouped as pcs does.
std::string constraints_text(const xml::Node& cib);

// "Cluster Properties:" with one "  name: value" line per property set.
std::string properties_text(const xml::Node& cib);

}  // namespace crm::status
