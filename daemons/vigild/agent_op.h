#pragma once
// One operation of a resource agent, as the executor runs it, and its
// outcome. Values only: the controller builds AgentOps from the CIB, the
// executor runs them, lrm_history records them.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "crm/common/result.h"

namespace vigild {

struct AgentOp {
    std::string rsc;  // resource instance id (OCF_RESOURCE_INSTANCE)
    std::string cls = "ocf";
    std::string provider;  // ocf provider
    std::string type;      // agent name
    std::string action;    // start stop monitor ...
    std::int64_t interval_ms = 0;
    std::int64_t timeout_ms = 20000;
    std::map<std::string, std::string> params;  // instance attributes
    std::map<std::string, std::string> meta;    // meta attributes (CRM_meta_*)
    std::string transition_key;                 // set by the controller ("" otherwise)
    int expected_rc = 0;

    friend bool operator==(const AgentOp&, const AgentOp&) = default;
};

enum class OpStatus { done = 0, cancelled = 1, timeout = 2, error = 4, not_installed = 7 };

struct AgentResult {
    int rc = 0;  // OCF exit code
    OpStatus status = OpStatus::done;
    std::string exit_reason;  // from "ocf-exit-reason:" on stderr
    std::int64_t duration_ms = 0;
    std::int64_t queue_ms = 0;
    std::string output;  // stdout+stderr, capped, for the log
};

// OCF return codes the executor itself reports.
inline constexpr int ocf_ok = 0;
inline constexpr int ocf_err_generic = 1;
inline constexpr int ocf_err_installed = 5;
inline constexpr int ocf_err_configured = 6;
inline constexpr int ocf_not_running = 7;

// <OCF_ROOT>/resource.d/<provider>/<type>; refuses names that could
// leave that directory.
crm::Result<std::string> agent_path(const std::string& ocf_root, const AgentOp& op);

// Every parameter and meta name is [A-Za-z0-9_-]+ (crm::cib::valid_param_name):
// otherwise the error names the resource and the name. The executor fails
// such an op as "not configured" before building any environment.
crm::Status check_param_names(const AgentOp& op);

// The agent's whole environment ("NAME=value"): OCF_ROOT, OCF_RA_VERSION_*,
// OCF_RESOURCE_INSTANCE/TYPE/PROVIDER, OCF_RESKEY_<param>,
// OCF_RESKEY_CRM_meta_<meta> (dashes become underscores) with interval and
// timeout, plus PATH. Parameters never pass through a shell; a name that
// check_param_names refuses is left out.
std::vector<std::string> agent_environment(const AgentOp& op, const std::string& ocf_root);

// The last "ocf-exit-reason:" line of the agent's stderr, trimmed.
std::string exit_reason_of(const std::string& stderr_text);

}  // namespace vigild
