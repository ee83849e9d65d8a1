#pragma once
// Asks an installed resource agent for its meta-data and turns the actions
// it advertises into the default operations pcs would add.
#include <string>
#include <vector>

#include "crm/common/result.h"
#include "crm/edit/resource_edit.h"

namespace vigil {

// Runs `AGENT meta-data` (OCF agents, with OCF_ROOT set). Errors say what is
// missing and which agents exist with a similar name.
crm::Result<std::string> agent_metadata(const crm::edit::Agent& agent);

// start/stop/monitor (and promote/demote when promotable) with the interval
// and timeout the meta-data gives; a monitor of 60s when it gives none.
std::vector<crm::edit::OpSpec> default_ops_from_metadata(const std::string& metadata_xml,
                                                         bool promotable);

// Default ops for classes without meta-data (stonith, systemd, lsb...):
// a monitor every 60s, as pcs does.
std::vector<crm::edit::OpSpec> fallback_default_ops();

}  // namespace vigil
