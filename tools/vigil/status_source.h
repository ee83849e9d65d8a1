#pragma once
// Builds the status view from wherever the CIB comes from: the daemon's
// status answer (CIB plus membership), or $CIB_file (membership as recorded).
#include <string>
#include <vector>

#include "cib_access.h"
#include "crm/common/result.h"
#include "crm/status/view.h"

namespace vigil {

// Loads and builds the view; on failure prints the error and returns its
// exit code (0 on success).
int load_view(crm::status::ClusterView& view, CibSource& source);

// Nodes where a resource is active now (for `resource move` without a node).
crm::Result<std::vector<std::string>> current_nodes(const std::string& resource);

// `vigil resource status`.
int print_resource_status();

}  // namespace vigil
