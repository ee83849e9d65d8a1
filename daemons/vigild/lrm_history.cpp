#include "lrm_history.h"

#include <fmt/format.h>

namespace vigild {

std::string operation_key(const AgentOp& op) {
    return fmt::format("{}_{}_{}", op.rsc, op.action, op.interval_ms);
}

crm::xml::Node lrm_entry(const AgentOp& op, const AgentResult& result, const HistoryContext& ctx) {
    crm::xml::Node rsc("lrm_resource");
    rsc.set_attr("id", op.rsc);
    rsc.set_attr("class", op.cls);
    if (!op.provider.empty())
        rsc.set_attr("provider", op.provider);
    rsc.set_attr("type", op.type);

    const bool recurring = op.interval_ms > 0;
    // A probe that finds the resource running (0, or 8 promoted) tells where
    // it is; like Pacemaker, that is no failure (else every cleanup of a
    // running resource would leave a fresh fail count from its re-probe).
    const bool probe_found_active = op.action == "monitor" && op.interval_ms == 0 &&
                                    result.status == OpStatus::done &&
                                    (result.rc == 0 || result.rc == 8);
    const bool failed =
        !probe_found_active && (result.status != OpStatus::done || result.rc != op.expected_rc);
    const std::string key = op.transition_key.empty()
                                ? fmt::format("0:0:{}:vigil-local", op.expected_rc)
                                : op.transition_key;
    auto make = [&](const std::string& id) {
        crm::xml::Node e("lrm_rsc_op");
        e.set_attr("id", id);
        e.set_attr("operation_key", operation_key(op));
        e.set_attr("operation", op.action);
        e.set_attr("crm-debug-origin", "vigild");
        e.set_attr("transition-key", key);
        e.set_attr("transition-magic",
                   fmt::format("{}:{};{}", static_cast<int>(result.status), result.rc, key));
        e.set_attr("exit-reason", result.exit_reason);
        e.set_attr("on_node", ctx.node);
        e.set_attr("call-id", std::to_string(ctx.call_id));
        e.set_attr("rc-code", std::to_string(result.rc));
        e.set_attr("op-status", std::to_string(static_cast<int>(result.status)));
        e.set_attr("interval", std::to_string(op.interval_ms));
        e.set_attr("last-rc-change", std::to_string(ctx.now_s));
        if (!recurring)
            e.set_attr("last-run", std::to_string(ctx.now_s));
        e.set_attr("exec-time", std::to_string(result.duration_ms));
        e.set_attr("queue-time", std::to_string(result.queue_ms));
        return e;
    };
    rsc.add_child(make(recurring ? fmt::format("{}_monitor_{}", op.rsc, op.interval_ms)
                                 : op.rsc + "_last_0"));
    if (failed)
        rsc.add_child(make(op.rsc + "_last_failure_0"));
    return rsc;
}

}  // namespace vigild
