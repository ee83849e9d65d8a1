#include "controller.h"

#include <fmt/format.h>

#include "crm/common/duration.h"

namespace vigild {
namespace {

namespace xml = crm::xml;

// "rsc:2" (a clone instance) -> "rsc".
std::string base_id(const std::string& instance) {
    auto colon = instance.find(':');
    return colon == std::string::npos ? instance : instance.substr(0, colon);
}

// The id an action's instance runs and is recorded under. The instances of
// an anonymous clone are interchangeable, so Pacemaker runs and records
// them under the primitive's own id ("rsc"); only a globally-unique
// clone's instances keep "rsc:N". Doing the same keeps one history entry
// per resource and node, also for a resource that was cloned while it ran
// (its entry "rsc" would otherwise never see the instance's stop).
std::string executor_id(const crm::cib::Cib& cib, const std::string& instance) {
    const std::string base = base_id(instance);
    if (base == instance)
        return instance;
    for (const auto& r : cib.configuration.resources) {
        const auto* clone = std::get_if<crm::cib::Clone>(&r);
        if (!clone)
            continue;
        bool holds = false;
        if (const auto* p = std::get_if<crm::cib::Primitive>(&clone->child))
            holds = p->id == base;
        else if (const auto* g = std::get_if<crm::cib::Group>(&clone->child))
            for (const auto& m : g->members)
                holds = holds || m.id == base;
        if (!holds)
            continue;
        const std::string unique = crm::cib::flatten(clone->meta_attributes)["globally-unique"];
        return (unique == "true" || unique == "yes" || unique == "1" || unique == "on") ? instance
                                                                                        : base;
    }
    return instance;
}

}  // namespace

xml::Node scheduler_input(const xml::Node& cib, const ClusterFacts& facts) {
    xml::Node in = cib;
    in.set_attr("have-quorum", facts.quorate ? "1" : "0");
    // Quorum lost (rather than never reached): what no-quorum-policy=fence
    // waits for before it fences this partition.
    if (!facts.quorate && facts.ever_quorate)
        in.set_attr("no-quorum-panic", "1");
    else
        in.remove_attr("no-quorum-panic");
    in.set_attr("dc-uuid", std::to_string(facts.dc));
    xml::Node& nodes = in.ensure_child("configuration").ensure_child("nodes");
    xml::Node& status = in.ensure_child("status");
    for (const NodeInfo& n : facts.nodes) {
        bool known = false;
        for (const auto& c : nodes.children)
            known = known || c.attr("uname") == n.uname;
        if (!known) {
            xml::Node node("node");
            node.set_attr("id", std::to_string(n.id));
            node.set_attr("uname", n.uname);
            nodes.add_child(std::move(node));
        }
        xml::Node* ns = nullptr;
        for (auto& c : status.children) {
            if (c.name == "node_state" && c.attr("uname") == n.uname)
                ns = &c;
        }
        if (!ns) {
            xml::Node fresh("node_state");
            fresh.set_attr("id", std::to_string(n.id));
            fresh.set_attr("uname", n.uname);
            ns = &status.add_child(std::move(fresh));
        }
        ns->set_attr("in_ccm", n.online ? "true" : "false");
        ns->set_attr("crmd", n.online ? "online" : "offline");
        ns->set_attr("join", n.online ? "member" : "down");
        ns->set_attr("expected", n.online ? "member" : "down");
    }
    return in;
}

crm::Result<crm::scheduler::Transition> plan(const xml::Node& input, std::int64_t now_s) {
    auto typed = crm::cib::unpack(input);
    if (!typed)
        return crm::Error{typed.error()};
    crm::scheduler::Options options;
    options.now = now_s;
    return crm::scheduler::schedule(*typed, options);
}

bool nothing_to_do(const xml::Node& cib, const ClusterFacts& facts, std::int64_t now_s) {
    auto t = plan(scheduler_input(cib, facts), now_s);
    return t.ok() && t->graph.executable().empty();
}

crm::Result<AgentOp> agent_op_for(const crm::cib::Cib& cib, const crm::graph::Action& action,
                                  const std::string& transition_key) {
    const crm::cib::Primitive* p = cib.find_primitive(base_id(action.resource));
    if (!p) {
        // An orphan (removed from the configuration while active): its
        // agent is known from the history recorded on its node.
        for (const auto& ns : cib.status.nodes) {
            if (ns.uname != action.node)
                continue;
            for (const auto& r : ns.resources) {
                if (r.id != action.resource && r.id != base_id(action.resource))
                    continue;
                AgentOp op;
                op.rsc = r.id;  // stopped under the id its history has
                op.cls = r.cls;
                op.provider = r.provider;
                op.type = r.type;
                op.action = action.task;
                op.interval_ms = action.interval_ms;
                op.transition_key = transition_key;
                return op;
            }
        }
        return crm::Error{fmt::format("action {}: no such primitive", action.key())};
    }
    AgentOp op;
    op.rsc = executor_id(cib, action.resource);
    op.cls = p->cls;
    op.provider = p->provider;
    op.type = p->type;
    op.action = action.task;
    op.interval_ms = action.interval_ms;
    op.params = crm::cib::flatten(p->instance_attributes);
    op.meta = crm::cib::flatten(p->meta_attributes);
    for (const auto& o : p->operations) {
        if (o.name == action.task && o.interval_ms == action.interval_ms && o.timeout_ms) {
            op.timeout_ms = *o.timeout_ms;
        }
    }
    // A probe (monitor with interval 0) may find the resource stopped.
    op.expected_rc = (action.task == "monitor" && action.interval_ms == 0) ? ocf_not_running : 0;
    op.transition_key = transition_key;
    return op;
}

std::optional<std::int64_t> next_recheck(const crm::cib::Cib& cib,
                                         std::optional<std::int64_t> scheduler_recheck,
                                         std::int64_t now_s) {
    std::int64_t interval_s = 15 * 60;  // Pacemaker's default
    if (const std::string v = crm::cib::property(cib, "cluster-recheck-interval"); !v.empty()) {
        if (auto ms = crm::parse_duration_ms(v); ms && *ms >= 0)
            interval_s = *ms / 1000 + (*ms % 1000 ? 1 : 0);
    }
    std::optional<std::int64_t> at = scheduler_recheck;
    if (interval_s > 0 && (!at || now_s + interval_s < *at))
        at = now_s + interval_s;
    return at;
}

// Adds what a further step decided (log lines, orders) after this one's.
static void append(ControllerStep& step, ControllerStep more) {
    for (auto& l : more.log)
        step.log.push_back(std::move(l));
    for (auto& d : more.dispatch)
        step.dispatch.push_back(std::move(d));
    for (auto& f : more.fence)
        step.fence.push_back(std::move(f));
}

std::int64_t result_margin_s(const crm::cib::Cib& cib) {
    std::int64_t margin_s = 60;  // Pacemaker's default cluster-delay
    if (const std::string v = crm::cib::property(cib, "cluster-delay"); !v.empty()) {
        if (auto ms = crm::parse_duration_ms(v); ms && *ms >= 0)
            margin_s = *ms / 1000 + (*ms % 1000 ? 1 : 0);
    }
    return margin_s;
}

std::vector<std::string> Controller::fail_lost(const ClusterFacts& facts) {
    std::vector<std::string> log;
    for (auto it = in_flight_.begin(); it != in_flight_.end();) {
        bool online = it->second.node == dc_name_;  // the DC's own (fencing) never is lost
        for (const NodeInfo& n : facts.nodes)
            online = online || (n.uname == it->second.node && n.online);
        if (online) {
            ++it;
            continue;
        }
        log.push_back(fmt::format(
            "transition {}: {} lost: {} left the membership; counted as "
            "failed",
            transition_id_, transition_->graph.actions.at(it->second.id).key(), it->second.node));
        exec_->complete(it->second.id, false);
        it = in_flight_.erase(it);
    }
    return log;
}

ControllerStep Controller::on_change(const xml::Node& cib, const ClusterFacts& facts,
                                     std::int64_t now_s) {
    retry_pending_ = false;
    if (!exec_)
        return start_transition(cib, facts, now_s);
    // Let the in-flight actions finish, then replan from the new input;
    // those of nodes that left never will, so they end here.
    ControllerStep step;
    if (!stale_) {
        stale_ = true;
        step.log.push_back(
            fmt::format("transition {} aborted: new input; replanning once its "
                        "running actions finish",
                        transition_id_));
    }
    auto lost = fail_lost(facts);
    if (lost.empty())
        return step;
    for (auto& l : lost)
        step.log.push_back(std::move(l));
    append(step, advance(cib, facts, now_s));
    return step;
}

std::optional<std::int64_t> Controller::action_deadline() const {
    std::optional<std::int64_t> at;
    for (const auto& [key, f] : in_flight_) {
        if (f.due_s && (!at || *f.due_s < *at))
            at = f.due_s;
    }
    return at;
}

ControllerStep Controller::on_timer(const xml::Node& cib, const ClusterFacts& facts,
                                    std::int64_t now_s) {
    ControllerStep step;
    if (!exec_)
        return step;
    bool expired = false;
    for (auto it = in_flight_.begin(); it != in_flight_.end();) {
        if (!it->second.due_s || *it->second.due_s > now_s) {
            ++it;
            continue;
        }
        step.log.push_back(fmt::format(
            "transition {}: no result for {} on {} within its timeout plus "
            "cluster-delay; counted as failed",
            transition_id_, transition_->graph.actions.at(it->second.id).key(), it->second.node));
        exec_->complete(it->second.id, false);
        it = in_flight_.erase(it);
        expired = true;
    }
    if (!expired)
        return step;
    append(step, advance(cib, facts, now_s));
    return step;
}

ControllerStep Controller::start_transition(const xml::Node& cib, const ClusterFacts& facts,
                                            std::int64_t now_s) {
    ControllerStep step;
    if (!facts.cib_settled)
        return step;  // the daemon calls again once it is
    const xml::Node input = scheduler_input(cib, facts);
    auto typed = crm::cib::unpack(input);
    if (!typed) {
        step.log.push_back("cannot schedule: " + typed.error());
        return step;
    }
    crm::scheduler::Options options;
    options.now = now_s;
    auto t = crm::scheduler::schedule(*typed, options);
    if (!t) {
        step.log.push_back("cannot schedule: " + t.error());
        return step;
    }
    for (const auto& w : t->warnings)
        step.log.push_back("scheduler: " + w);
    recheck_at_ = next_recheck(*typed, t->recheck_at, now_s);
    if (t->graph.executable().empty()) {
        if (!last_empty_)
            step.log.push_back("cluster settled: nothing to do");
        last_empty_ = true;
        return step;
    }
    last_empty_ = false;
    ++transition_id_;
    typed_ = std::move(*typed);
    transition_ = std::make_unique<crm::scheduler::Transition>(std::move(*t));
    exec_ = std::make_unique<crm::graph::Executor>(transition_->graph);
    stale_ = false;
    in_flight_.clear();
    std::string summary;
    for (const auto* a : transition_->graph.executable()) {
        if (!summary.empty())
            summary += ", ";
        summary += a->key();
    }
    step.log.push_back(fmt::format("transition {} started: {} action(s): {}", transition_id_,
                                   transition_->graph.executable().size(), summary));
    append(step, advance(cib, facts, now_s));
    return step;
}

ControllerStep Controller::advance(const xml::Node& cib, const ClusterFacts& facts,
                                   std::int64_t now_s) {
    ControllerStep step;
    for (bool progress = true; progress && exec_;) {
        progress = false;
        if (!stale_) {
            for (int id : exec_->next()) {
                const crm::graph::Action& a = transition_->graph.actions.at(id);
                const bool agent_task = a.task == "start" || a.task == "stop" ||
                                        a.task == "monitor" || a.task == "promote" ||
                                        a.task == "demote";
                if (a.task == "stonith" && !a.pseudo) {
                    // Run by the DC's fencer, not by an executor on a node.
                    const std::string key = fmt::format("{}:{}:0:{}", transition_id_, id, dc_name_);
                    in_flight_[key] = {id, dc_name_, std::nullopt};
                    step.log.push_back(
                        fmt::format("transition {}: fencing {}", transition_id_, a.node));
                    step.fence.push_back({a.node, a.fence_kind, key});
                    continue;
                }
                if (a.pseudo || !agent_task) {
                    exec_->complete(id, true);  // pseudo: nothing to run
                    progress = true;
                    continue;
                }
                const std::string key =
                    fmt::format("{}:{}:{}:{}", transition_id_, id,
                                (a.task == "monitor" && a.interval_ms == 0) ? 7 : 0, dc_name_);
                auto op = agent_op_for(typed_, a, key);
                if (!op) {
                    step.log.push_back(op.error());
                    exec_->complete(id, false);
                    progress = true;
                    continue;
                }
                const std::int64_t wait_ms = op->timeout_ms > 0 ? op->timeout_ms : 20000;
                in_flight_[key] = {id, a.node,
                                   now_s + (wait_ms + 999) / 1000 + result_margin_s(typed_)};
                step.log.push_back(
                    fmt::format("transition {}: {} on {}", transition_id_, a.key(), a.node));
                step.dispatch.push_back({a.node, std::move(*op)});
            }
        }
        // Nothing running and nothing startable, yet not done: the graph
        // waits on itself (a cycle). End it as failed instead of hanging.
        const bool stuck = in_flight_.empty() && !progress && !stale_ && !exec_->done();
        if (in_flight_.empty() && (exec_->done() || stale_ || stuck)) {
            const bool failed = exec_->failed() || stuck;
            const bool was_stale = stale_;
            step.log.push_back(fmt::format("transition {} {}", transition_id_,
                                           stale_   ? "stopped for new input"
                                           : stuck  ? "stuck: its graph has actions that wait on "
                                                      "each other (a cycle); giving up on them"
                                           : failed ? "finished with failures"
                                                    : "complete"));
            exec_.reset();
            transition_.reset();
            stale_ = false;
            // Replan at once after success (to confirm there is nothing
            // left) or new input; after a failure only when the daemon's
            // retry timer fires, so a failing action cannot spin.
            if (failed && !was_stale) {
                retry_pending_ = true;
                return step;
            }
            append(step, start_transition(cib, facts, now_s));
            return step;
        }
    }
    return step;
}

ControllerStep Controller::on_result(const std::string& transition_key, bool success,
                                     const xml::Node& cib, const ClusterFacts& facts,
                                     std::int64_t now_s) {
    auto it = in_flight_.find(transition_key);
    // Not one of ours (a recurring monitor's change, a result from a
    // previous DC's transition): new input like any other.
    if (!exec_ || it == in_flight_.end())
        return on_change(cib, facts, now_s);
    exec_->complete(it->second.id, success);
    in_flight_.erase(it);
    return advance(cib, facts, now_s);
}

}  // namespace vigild
