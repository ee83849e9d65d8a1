#pragma once
// What a change would make the cluster do, for --dry-run: the scheduler run
// on the CIB after the change (with the current status), as crm_simulate's
// transition summary.
#include <string>

#include "crm/xml/xml_node.h"

namespace vigil {

// "" when there is nothing to show; otherwise a "Transition Summary:" block,
// or a line saying why the transition could not be computed.
std::string transition_preview(const crm::xml::Node& before, const crm::xml::Node& after);

}  // namespace vigil
