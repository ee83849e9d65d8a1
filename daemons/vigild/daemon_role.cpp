// The DC's role: when this node may act as DC (the start-up wait), when the
// CIB is settled enough to plan on, and the DC's bookkeeping of the
// membership (departed nodes, the cluster record, this node's history).
#include <fmt/format.h>
#include <qb/qblog.h>

#include "daemon.h"
#include "daemon_util.h"
#include "fencer.h"
#include "startup_wait.h"

namespace vigild {

ClusterFacts Daemon::facts() const {
    ClusterFacts f;
    f.quorate = quorate_;
    f.ever_quorate = ever_quorate_;
    f.dc = replica_->dc().value_or(0);
    f.cib_settled = cib_settled();
    for (const auto& m : cluster_status().members)
        f.nodes.push_back({m.id, m.uname, m.online});
    return f;
}

bool Daemon::cib_settled() const {
    // Besides the round and the histories, the DC's own pending updates: its
    // forgetting of departed nodes and its cluster record. Planning before
    // they land would act on a CIB about to change, and abort at once.
    if (!replica_->settled() || departed_cleanups_pending_ > 0 || record_pending_)
        return false;
    return soft_waits().empty() || soft_wait_given_up_;
}

// What the DC still expects from others before the CIB and the facts are
// the cluster's truth: the members' republished histories, and corosync's
// quorum verdict on the current ring (it comes apart from the CPG view; a
// plan made before it would be aborted by it, maybe halfway through a
// stop-everywhere-then-start-once). "" when nothing.
std::string Daemon::soft_waits() const {
    std::string waits;
    if (const auto n = replica_->histories_pending().size(); n > 0)
        waits = fmt::format("the operation history of {} member(s)", n);
    if (!ring_id_.empty() && quorum_ring_ != ring_id_)
        waits +=
            fmt::format("{}corosync's quorum for ring {}", waits.empty() ? "" : " and ", ring_id_);
    return waits;
}

// Called after every input: starts or ends the clock of the soft waits.
// Something that never comes (a member's bug, an old vigild) must not stall
// the cluster: after soft_wait_ms the DC plans without it.
void Daemon::track_soft_waits() {
    if (soft_waits().empty()) {
        soft_wait_since_ms_.reset();
        soft_wait_given_up_ = false;
    } else if (!soft_wait_since_ms_) {
        soft_wait_since_ms_ = now_ms();
        soft_wait_given_up_ = false;
    }
}

// Without fencing, a node that left is taken to have stopped everything
// (it was powered off or its vigild is gone): the DC erases its operation
// history and fail counts once the view has settled, so the scheduler does
// not see resources "still active" there when it returns.
void Daemon::forget_departed() {
    if (departed_.empty() || !replica_->settled())
        return;
    // With fencing, a departed node keeps its resources until it is fenced
    // (the scheduler then sees it unclean); the fencer erases its history.
    if (controller_ && !fencing_enabled(replica_->cib())) {
        for (const auto& uname : departed_) {
            log_line(LOG_NOTICE, "forgetting the resource history of departed node " + uname);
            // The scheduler waits for it (cib_settled): planning before it
            // lands would see the node's old resources and abort at once.
            ++departed_cleanups_pending_;
            apply(replica_->request_cleanup(0, "", uname));
        }
    }
    departed_.clear();
}

// After taking another member's CIB, the status of this node in it may be
// that copy's stale idea; this node's executor knows better.
void Daemon::republish_history() {
    const std::string local = uname_of(link_->local_nodeid());
    crm::xml::Node rscs("lrm_resources");
    for (const auto& [rsc, entry] : history_)
        rscs.add_child(entry);
    log_line(LOG_NOTICE, fmt::format("republishing this node's operation history ({} resource(s))",
                                     history_.size()));
    apply(replica_->request_history(local, std::to_string(link_->local_nodeid()), std::move(rscs)));
}

void Daemon::record_cluster() {
    if (!controller_ || !replica_->settled() || record_pending_)
        return;
    std::vector<std::pair<std::string, std::string>> nodes;
    for (const auto& m : cluster_status().members) {
        if (names_.contains(m.id))  // a member without a name in corosync's nodelist has none
            nodes.emplace_back(std::to_string(m.id), m.uname);
    }
    ClusterRecord record = cluster_record(std::move(nodes), cluster_name_);
    // The record touches the configuration only: test it on a copy of that.
    crm::xml::Node probe("cib");
    if (const crm::xml::Node* config = replica_->cib().first_child("configuration"))
        probe.add_child(*config);
    if (!apply_cluster_record(probe, record))
        return;
    record_pending_ = true;
    apply(replica_->request_cluster_record(std::move(record)));
}

// The start-up wait (startup_wait.h): checked on every view and on a timer
// until it is over; then this node may act as DC.
void Daemon::check_startup() {
    if (startup_over_ || replica_->view().empty())
        return;
    StartupFacts f;
    for (const auto& [id, name] : names_)
        f.nodelist.insert(id);
    f.view = replica_->view();
    f.ready_member_in_view = replica_->ready_member_in_view();
    f.since_start_ms = now_ms() - started_ms_;
    f.deadtime_ms = dc_deadtime_ms(replica_->cib());
    auto why = startup_wait_over(f);
    if (!why) {
        if (!startup_hold_logged_) {
            startup_hold_logged_ = true;
            log_line(LOG_NOTICE, fmt::format("start-up: not all nodes of the nodelist are members "
                                             "yet; waiting for them or dc-deadtime ({} ms) before "
                                             "acting as DC",
                                             f.deadtime_ms));
        }
        return;
    }
    startup_over_ = true;
    replica_->set_ready();
    log_line(LOG_NOTICE, "start-up wait over: " + *why);
}

void Daemon::update_role() {
    check_startup();
    // A round (view change) does not interrupt the DC: it stays DC as long
    // as the rule still picks it.
    const bool dc = startup_over_ && replica_->joined().contains(replica_->self()) &&
                    replica_->dc() == link_->local_nodeid();
    if (dc && !controller_) {
        log_line(LOG_NOTICE, "this node is the DC: controller started");
        controller_.emplace(uname_of(link_->local_nodeid()));
        forget_departed();  // before planning (cib_settled waits for these)
        record_cluster();
        control(controller_->on_change(replica_->cib(), facts(), wall_s()));
    } else if (!dc && controller_) {
        log_line(LOG_NOTICE, "this node is no longer the DC: controller stopped");
        controller_.reset();
        record_pending_ = false;
    }
    record_cluster();
}

}  // namespace vigild
