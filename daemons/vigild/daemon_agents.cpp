// The Daemon's agent side: fencing through the configured device, running
// resource agents one operation per resource at a time, recurring monitors,
// and turning results into CIB status updates.
#include <algorithm>

#include <fmt/format.h>

#include "daemon.h"
#include "daemon_util.h"
#include "fencer.h"
#include "lrm_history.h"

namespace vigild {

bool Daemon::fence(const FenceOrder& order) {
    auto typed = crm::cib::unpack(replica_->cib());
    if (!typed) {
        log_line(LOG_ERR, fmt::format("cannot fence {}: {}", order.target, typed.error()));
        return false;
    }
    auto cfg = fence_config(*typed);
    if (!cfg) {
        log_line(LOG_ERR, fmt::format("cannot fence {}: {}", order.target, cfg.error()));
        return false;
    }
    // Corosync reports a view change before the quorum change that follows
    // it: a node just cut off may still plan with the old "quorate". A
    // partition without quorum must never shoot the majority.
    // So the votes' own count is checked too: more than half of the nodes
    // known (configured or seen) must be members here. (Equal votes
    // assumed; a two_node cluster therefore needs no-quorum-policy=ignore.)
    // The one fencing without quorum is no-quorum-policy=fence's: a
    // partition that lost quorum powers off its own members, itself last.
    const std::string policy = crm::cib::property(*typed, "no-quorum-policy");
    link_->dispatch_quorum();  // take a pending quorum change into account
    const ClusterFacts f = facts();
    bool own_member = false;
    for (const auto& n : f.nodes)
        own_member = own_member || (n.online && n.uname == order.target);
    const bool self_fencing =
        (policy == "fence" || policy == "suicide") && !quorate_ && ever_quorate_ && own_member;
    if (self_fencing) {
        log_line(LOG_WARNING, fmt::format("this partition lost quorum and no-quorum-policy={}: "
                                          "fencing its member {}",
                                          policy, order.target));
    } else if (policy != "ignore") {
        std::size_t online = 0;
        for (const auto& n : f.nodes)
            online += n.online ? 1 : 0;
        const std::size_t known = std::max(f.nodes.size(), typed->configuration.nodes.size());
        if (!quorate_ || online * 2 <= known) {
            log_line(LOG_WARNING,
                     fmt::format("not fencing {}: this partition has no quorum ({} of {} "
                                 "node(s))",
                                 order.target, online, known));
            return false;
        }
    }
    // Fenced and not seen since: still safe. A transition planned before
    // the history erasure landed asks again; do not power-cycle it twice.
    if (auto it = fenced_.find(order.target); it != fenced_.end()) {
        log_line(LOG_NOTICE,
                 fmt::format("node {} was fenced and has not rejoined since", order.target));
        apply(replica_->request_fenced(it->second));  // the same record: no change if it landed
        return true;
    }
    if (!order.kind.empty())
        cfg->action = order.kind;
    FenceRecord record;
    record.target = order.target;
    for (const auto& [id, name] : names_) {
        if (name == order.target)
            record.target_id = std::to_string(id);
    }
    record.device = cfg->device;
    record.action = cfg->action;
    record.by = uname_of(link_->local_nodeid());
    log_line(LOG_NOTICE, fmt::format("fencing {} ({}) with device {} ({})", order.target,
                                     cfg->action, cfg->device, cfg->agent));
    FenceOutcome o = fence_node(*cfg, order.target, fence_agent_dirs(),
                                [this](const std::string& l) { log_line(LOG_WARNING, l); });
    record.at = wall_s();
    record.ok = o.success;
    if (!o.success) {
        log_line(LOG_ERR, fmt::format("fencing of {} FAILED after {} attempt(s): {}; its "
                                      "resources are not recovered",
                                      order.target, o.attempts, o.detail));
        record.detail = fmt::format("{} attempt(s): {}", o.attempts, o.detail);
        apply(replica_->request_fenced(std::move(record)));
        return false;
    }
    log_line(LOG_NOTICE, fmt::format("node {} fenced ({}) by {} after {} attempt(s)", order.target,
                                     cfg->action, cfg->device, o.attempts));
    // Marked cleanly down with its history erased, in every member's CIB.
    fenced_[order.target] = record;
    apply(replica_->request_fenced(std::move(record)));
    return true;
}

void Daemon::run_action(AgentOp op) {
    const std::string local = uname_of(link_->local_nodeid());
    // A resource removed from the configuration while it ran is stopped
    // without parameters; its agent needs the ones it ran with (a VIP's
    // address, a mount point), or it stops the wrong thing or nothing.
    if (!op.params.empty()) {
        last_params_[op.rsc] = op.params;
    } else if (op.action == "stop") {
        if (auto it = last_params_.find(op.rsc); it != last_params_.end())
            op.params = it->second;
    }
    if (op.action == "stop") {
        // Stopping a resource ends its recurring monitors here.
        std::erase_if(recurring_, [&](const auto& kv) { return kv.second.op.rsc == op.rsc; });
    }
    if (op.cls == "stonith") {
        // A fence device is "started" by being made available to the
        // fencer; no agent runs for start, stop or monitor. A probe is only
        // asked where the status holds no record of the device, so the
        // cluster has not made it available here: "not running".
        Finished f;
        const bool probe = op.action == "monitor" && op.interval_ms == 0;
        f.op = std::move(op);
        f.result.rc = probe ? ocf_not_running : ocf_ok;
        // A device's recurring monitor is answered once, like any one-shot
        // op: it is not in recurring_, and its result must still reach the
        // transition waiting for it.
        f.one_shot = true;
        on_agent_done(std::move(f));
        return;
    }
    if (op.interval_ms > 0) {
        const std::string key = operation_key(op);
        Recurring r;
        r.op = op;
        r.due_ms = now_ms();
        recurring_[key] = std::move(r);
        start_due_monitors();
        return;
    }
    log_line(LOG_INFO, fmt::format("executing {} {} on {}", op.rsc, op.action, local));
    // One operation per resource at a time, in arrival order, as agents
    // expect (a stop racing a stop fails).
    if (runner_->running(op.rsc) || queued_.contains(op.rsc)) {
        queued_[op.rsc].push_back(std::move(op));
        return;
    }
    runner_->start(std::move(op), now_ms());
}

void Daemon::start_queued(const std::string& rsc) {
    auto it = queued_.find(rsc);
    if (it == queued_.end() || runner_->running(rsc))
        return;
    AgentOp next = std::move(it->second.front());
    it->second.erase(it->second.begin());
    if (it->second.empty())
        queued_.erase(it);
    log_line(LOG_INFO, fmt::format("executing {} {} (queued)", next.rsc, next.action));
    runner_->start(std::move(next), now_ms());
}

void Daemon::start_due_monitors() {
    const std::int64_t now = now_ms();
    for (auto& [key, r] : recurring_) {
        if (r.running || r.due_ms > now || runner_->running(r.op.rsc) || queued_.contains(r.op.rsc))
            continue;
        r.running = true;
        runner_->start(r.op, now);
    }
}

void Daemon::on_agent_done(Finished f) {
    const std::string local = uname_of(link_->local_nodeid());
    const std::string rsc = f.op.rsc;
    struct StartNext {
        Daemon* d;
        std::string rsc;
        ~StartNext() { d->start_queued(rsc); }
    } start_next{this, rsc};
    if (f.op.interval_ms > 0 && !f.one_shot) {
        auto it = recurring_.find(operation_key(f.op));
        if (it == recurring_.end())
            return;  // cancelled meanwhile
        Recurring& r = it->second;
        r.running = false;
        r.due_ms = now_ms() + f.op.interval_ms;
        // Only changes are recorded, like Pacemaker: a healthy monitor does
        // not rewrite the CIB every interval.
        if (r.last_rc && *r.last_rc == f.result.rc)
            return;
        r.last_rc = f.result.rc;
        // Later runs report against the recurring key, not the transition.
        f.op.transition_key = r.op.transition_key;
    }
    log_line(f.result.rc == f.op.expected_rc ? LOG_INFO : LOG_WARNING,
             fmt::format("{} {} on {}: rc={} {}ms{}", f.op.rsc, f.op.action, local, f.result.rc,
                         f.result.duration_ms,
                         f.result.exit_reason.empty() ? "" : " (" + f.result.exit_reason + ")"));
    HistoryContext ctx{local, ++call_id_, wall_s()};
    crm::xml::Node entry = lrm_entry(f.op, f.result, ctx);
    auto [it, fresh] = history_.try_emplace(f.op.rsc, entry);
    if (!fresh) {
        for (const auto& op : entry.children) {
            auto& ops = it->second.children;
            std::erase_if(ops,
                          [&](const crm::xml::Node& o) { return o.attr("id") == op.attr("id"); });
            ops.push_back(op);
        }
    }
    apply(replica_->request_op_result(local, std::to_string(link_->local_nodeid()),
                                      std::move(entry)));
}

}  // namespace vigild
