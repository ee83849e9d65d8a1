#pragma once
// Internal: what the recorded operation history says about one resource on
// one node. A simplified reading of Pacemaker's unpacking of lrm_rsc_op
// entries, enough for display: the scheduler does the authoritative one.
#include <string>
#include <vector>

#include "crm/cib/status.h"

namespace crm::status::detail {

struct HistoryState {
    std::string role = "Stopped";  // Started, Promoted, Unpromoted, Starting, Stopping, Stopped
    bool failed = false;
};

HistoryState replay(const std::vector<cib::LrmRscOp>& ops);

// Is this recorded result a failure (for the Failed Resource Actions list)?
bool is_failure(const cib::LrmRscOp& op);

}  // namespace crm::status::detail
