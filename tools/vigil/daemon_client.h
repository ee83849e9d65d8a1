#pragma once
// One request/response exchange with the local vigild over its Unix socket
// (framing and encoding from crm/ipc/protocol.h).
#include <string>

#include "crm/common/result.h"
#include "crm/ipc/protocol.h"

namespace vigil {

// Sends the request and waits up to timeout_ms for the answer. On transport
// failure returns an Error whose message starts with "cannot reach vigild".
crm::Result<crm::ipc::Response> daemon_call(const crm::ipc::Request& request, int timeout_ms);

// True when an error from daemon_call means the daemon was not reachable.
bool is_unreachable(const std::string& message);

}  // namespace vigil
