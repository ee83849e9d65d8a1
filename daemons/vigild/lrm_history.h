#pragma once
// An executor result as Pacemaker records it in the CIB status section:
// <lrm_resource id class provider type> holding <lrm_rsc_op> entries named
// RSC_last_0 (the last non-recurring op), RSC_last_failure_0 (the last
// failure) and RSC_monitor_INTERVAL (a recurring monitor).
#include <cstdint>
#include <string>

#include "agent_op.h"
#include "crm/xml/xml_node.h"

namespace vigild {

struct HistoryContext {
    std::string node;  // on_node
    int call_id = 0;
    std::int64_t now_s = 0;  // wall clock, epoch seconds (last-rc-change, last-run)
};

// The <lrm_resource> element carrying this result (one or two ops: a
// failure is also recorded as RSC_last_failure_0).
crm::xml::Node lrm_entry(const AgentOp& op, const AgentResult& result, const HistoryContext& ctx);

// "RSC_ACTION_INTERVAL", Pacemaker's operation key.
std::string operation_key(const AgentOp& op);

}  // namespace vigild
