#pragma once
// The life of one configuration change, the same for every changing
// command: load the CIB, apply a pure edit, check the result, then either
// show it (--dry-run) or commit it atomically, and optionally wait for the
// cluster to settle. A refused change writes nothing.
#include <functional>
#include <string>

#include "cli.h"
#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace vigil {

using EditFn = std::function<crm::Result<crm::xml::Node>(const crm::xml::Node&)>;

// Returns the exit code. `note`, when set, is printed after a commit.
int run_change(const CommonOptions& options, const EditFn& edit, const std::string& note = "");

// Checks that a CIB is one Vigil can model (crm::cib::unpack). Returns "" or
// the problem.
std::string check_cib(const crm::xml::Node& cib);

// --wait: asks the daemon to answer once the cluster has settled. Offline
// (CIB_file) there is nothing to wait for. Returns an exit code.
int wait_for_settle(int seconds);

}  // namespace vigil
