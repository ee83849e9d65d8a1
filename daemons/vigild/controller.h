#pragma once
// The controller runs on the DC only. On every relevant change it asks the
// scheduler for a transition (plan(), the one call into the scheduler),
// hands the graph's actions to the nodes in dependency order, and matches
// results (which arrive as CIB status updates) to the actions by their
// transition key. A new input while a transition runs marks it stale: no
// further actions are started, and once the in-flight ones finish the
// scheduler runs again. The loop settles when a transition is empty.
// An action whose node leaves the membership is lost: it counts as failed
// at once (its result can never come), so the stale transition ends and
// the scheduler replans from the new membership without waiting. An action
// whose result does not come within its timeout plus cluster-delay (the
// node's vigild hung) is timed out the same way.
//
// Pure: no I/O and no clock of its own (times are passed in).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agent_op.h"
#include "crm/cib/cib.h"
#include "crm/graph/executor.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

namespace vigild {

struct NodeInfo {
    std::uint32_t id = 0;
    std::string uname;
    bool online = false;
};

// The live facts the scheduler needs but the CIB does not hold: who is up
// and whether there is quorum.
struct ClusterFacts {
    std::vector<NodeInfo> nodes;
    bool quorate = false;
    bool ever_quorate = false;  // had quorum since this daemon started
    std::uint32_t dc = 0;
    // The CIB holds the cluster's truth: no view change being synced, no
    // member's history still to be republished. No transition starts
    // before (it would act on a status about to change, then abort).
    bool cib_settled = true;
};

// The CIB as the scheduler should see it: membership (node_state), quorum
// and DC written over a copy. Kept out of the replicated CIB so membership
// flapping does not churn versions.
crm::xml::Node scheduler_input(const crm::xml::Node& cib, const ClusterFacts& facts);

// The single call into the scheduler.
crm::Result<crm::scheduler::Transition> plan(const crm::xml::Node& input, std::int64_t now_s);

// "Settled" as the wait operation means it: the scheduler, run on this
// CIB, has nothing left to do.
bool nothing_to_do(const crm::xml::Node& cib, const ClusterFacts& facts, std::int64_t now_s);

struct Order {
    std::string node;  // where the executor runs it
    AgentOp op;
};

// A stonith action for the DC's fencer; its result comes back through
// on_result with this key like any other action's.
struct FenceOrder {
    std::string target;
    std::string kind;  // reboot | off, as the scheduler chose ("" = device default)
    std::string transition_key;
};

struct ControllerStep {
    std::vector<Order> dispatch;
    std::vector<std::string> log;
    std::vector<FenceOrder> fence;
};

class Controller {
  public:
    explicit Controller(std::string dc_name) : dc_name_(std::move(dc_name)) {}

    // Something the scheduler reads changed (CIB, membership, quorum).
    ControllerStep on_change(const crm::xml::Node& cib, const ClusterFacts& facts,
                             std::int64_t now_s);
    // The recheck time was reached: like on_change, and the time is
    // cleared until the scheduler's next run sets a new one.
    ControllerStep on_recheck(const crm::xml::Node& cib, const ClusterFacts& facts,
                              std::int64_t now_s) {
        recheck_at_.reset();
        return on_change(cib, facts, now_s);
    }
    // An executor result with this transition key was recorded.
    ControllerStep on_result(const std::string& transition_key, bool success,
                             const crm::xml::Node& cib, const ClusterFacts& facts,
                             std::int64_t now_s);
    // Time passed: in-flight actions past their deadline count as failed.
    ControllerStep on_timer(const crm::xml::Node& cib, const ClusterFacts& facts,
                            std::int64_t now_s);
    // The earliest deadline (epoch seconds) of an in-flight action; the
    // daemon calls on_timer then. nullopt: nothing waits on one.
    std::optional<std::int64_t> action_deadline() const;
    // No transition in flight and the last one computed was empty.
    bool idle() const { return !exec_ && last_empty_; }
    bool busy() const { return exec_ != nullptr; }
    // A transition failed: call on_change again after a pause (the daemon
    // owns the clock).
    bool retry_pending() const { return retry_pending_; }
    int transition_id() const { return transition_id_; }
    // When (epoch seconds) the scheduler must run again although nothing
    // changed: the earliest failure-timeout expiry the last run reported,
    // bounded by cluster-recheck-interval (default 15 min; 0 = expiries
    // only). The daemon calls on_change then; nullopt: no time set.
    std::optional<std::int64_t> recheck_at() const { return recheck_at_; }

  private:
    ControllerStep start_transition(const crm::xml::Node& cib, const ClusterFacts& facts,
                                    std::int64_t now_s);
    ControllerStep advance(const crm::xml::Node& cib, const ClusterFacts& facts,
                           std::int64_t now_s);

    std::string dc_name_;
    int transition_id_ = 0;
    std::unique_ptr<crm::scheduler::Transition> transition_;
    std::unique_ptr<crm::graph::Executor> exec_;
    // Ends the in-flight actions of nodes not online in facts as failed.
    std::vector<std::string> fail_lost(const ClusterFacts& facts);

    struct InFlight {
        int id = 0;
        std::string node;                   // where it runs
        std::optional<std::int64_t> due_s;  // give up on its result then
    };
    std::map<std::string, InFlight> in_flight_;  // by transition key
    crm::cib::Cib typed_;                        // the CIB the transition was planned on
    bool stale_ = false;
    bool last_empty_ = false;
    bool retry_pending_ = false;
    std::optional<std::int64_t> recheck_at_;
};

// The next time the scheduler must run: the scheduler's own recheck_at
// (a failure expiring), or now + cluster-recheck-interval if sooner.
std::optional<std::int64_t> next_recheck(const crm::cib::Cib& cib,
                                         std::optional<std::int64_t> scheduler_recheck,
                                         std::int64_t now_s);

// The executor's view of a graph action: agent, parameters, timeout from
// the resource's definition. Error for an unknown resource.
crm::Result<AgentOp> agent_op_for(const crm::cib::Cib& cib, const crm::graph::Action& action,
                                  const std::string& transition_key);

// How long past its own timeout the DC waits for an action's result:
// cluster-delay (default 60 s), in seconds.
std::int64_t result_margin_s(const crm::cib::Cib& cib);

}  // namespace vigild
