#pragma once
// The status section as recorded: per node, the membership flags and the
// executor's operation history. Interpreting it (current role, failures)
// is the scheduler's job (crm/scheduler).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crm/cib/nvset.h"

namespace crm::cib {

struct LrmRscOp {
    std::string id;             // e.g. "rsc_monitor_30000" or "rsc_last_0"
    std::string operation;      // start, stop, monitor, ...
    std::string operation_key;  // rsc_monitor_30000
    std::int64_t interval_ms = 0;
    int rc_code = 0;
    int op_status = 0;  // 0 done, 1 cancelled, 2 timeout, 4 error, ... -1 pending
    int call_id = 0;
    std::optional<std::int64_t> last_rc_change;  // epoch seconds
    std::optional<std::int64_t> last_run;
    std::int64_t exec_time = 0;
    std::int64_t queue_time = 0;
    std::string transition_key;
    std::string transition_magic;
    std::string on_node;
    std::string op_digest;
    std::string exit_reason;
    std::string crm_feature_set;
};

struct LrmResource {
    std::string id;
    std::string cls;
    std::string provider;
    std::string type;
    std::string container;
    std::vector<LrmRscOp> ops;
};

struct NodeState {
    std::string id;
    std::string uname;
    std::string in_ccm;    // "true"/"false" or a timestamp (newer Pacemaker)
    std::string crmd;      // "online"/"offline" or a timestamp
    std::string join;      // member, down, pending, banned
    std::string expected;  // member, down
    std::string crm_debug_origin;
    bool has_shutdown_attr = false;
    std::vector<LrmResource> resources;
    std::vector<NvSet> transient_attributes;  // fail-count-*, last-failure-*, shutdown, ...
};

struct Status {
    std::vector<NodeState> nodes;
    const NodeState* find(const std::string& uname_or_id) const;
};

}  // namespace crm::cib
