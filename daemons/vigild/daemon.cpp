#include "daemon.h"

#include <qb/qblog.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

#include <fmt/format.h>

#include "cib_file.h"
#include "crm/cib/validate.h"
#include "crm/common/duration.h"
#include "crm/common/strings.h"
#include "daemon_util.h"
#include "fencer.h"
#include "lrm_history.h"
#include "shutdown.h"

namespace vigild {
namespace {

using crm::ipc::Rc;

std::string validate_cib(const crm::xml::Node& cib) {
    auto problems = crm::cib::validate(cib);
    if (!crm::cib::has_errors(problems))
        return {};
    return crm::cib::format_problems(problems);
}

}  // namespace

Daemon::Daemon(DaemonOptions options) : options_(std::move(options)) {}

std::string Daemon::uname_of(std::uint32_t nodeid) const {
    auto it = names_.find(nodeid);
    return it != names_.end() ? it->second : std::to_string(nodeid);
}

crm::ipc::ClusterStatus Daemon::cluster_status() const {
    crm::ipc::ClusterStatus s;
    s.cluster_name = cluster_name_;
    s.quorate = quorate_;
    s.ring_id = ring_id_;
    s.local_node = uname_of(link_->local_nodeid());
    // A DC still in its start-up wait does not act yet: none, as crm_mon
    // says during an election.
    if (auto dc = replica_->dc(); dc && (startup_over_ || *dc != link_->local_nodeid()))
        s.dc = uname_of(*dc);
    auto online = [&](std::uint32_t id) {
        for (const auto& m : replica_->view()) {
            if (m.nodeid == id)
                return true;
        }
        return false;
    };
    for (const auto& [id, name] : names_)
        s.members.push_back({id, name, online(id)});
    for (const auto& m : replica_->view()) {
        if (!names_.contains(m.nodeid))
            s.members.push_back({m.nodeid, uname_of(m.nodeid), true});
    }
    return s;
}

void Daemon::control(ControllerStep step) {
    if (controller_ && controller_->retry_pending() && retry_at_ms_ == 0) {
        retry_at_ms_ = now_ms() + 1000;
    }
    for (const auto& l : step.log)
        log_line(LOG_NOTICE, l);
    for (auto& order : step.dispatch) {
        CpgMessage m;
        m.type = MsgType::action;
        m.node = order.node;
        m.op = std::move(order.op);
        if (auto st = link_->send(encode(m)); !st)
            log_line(LOG_ERR, st.error());
    }
    // This node's own fencing (no-quorum-policy=fence) comes last: after
    // it there may be nobody left to fence the others.
    const std::string self = uname_of(link_->local_nodeid());
    std::stable_partition(step.fence.begin(), step.fence.end(),
                          [&](const FenceOrder& o) { return o.target != self; });
    for (const auto& order : step.fence) {
        if (!controller_)
            return;
        const bool ok = fence(order);
        control(
            controller_->on_result(order.transition_key, ok, replica_->cib(), facts(), wall_s()));
    }
}

std::int64_t Daemon::poll_timeout() const {
    std::int64_t t = -1;
    auto consider = [&](std::int64_t ms) {
        if (ms < 0)
            ms = 0;
        if (t < 0 || ms < t)
            t = ms;
    };
    const std::int64_t now = now_ms();
    if (!waits_.empty())
        consider(200);
    if (retry_at_ms_ > 0)
        consider(retry_at_ms_ - now);
    if (controller_ && controller_->recheck_at())
        consider(*controller_->recheck_at() * 1000 - wall_ms());
    if (controller_ && controller_->action_deadline())
        consider(*controller_->action_deadline() * 1000 - wall_ms());
    if (auto d = runner_->next_deadline())
        consider(*d - now);
    if (shutdown_deadline_ms_)
        consider(std::min<std::int64_t>(*shutdown_deadline_ms_ - now, 1000));
    if (!startup_over_)
        consider(500);
    if (controller_ && soft_wait_since_ms_ && !soft_wait_given_up_)
        consider(*soft_wait_since_ms_ + soft_wait_ms - now);
    for (const auto& [key, r] : recurring_) {
        if (!r.running)
            consider(r.due_ms - now);
    }
    return t;
}

void Daemon::apply(Effects fx) {
    for (const auto& line : fx.log)
        log_line(LOG_NOTICE, line);
    std::string persist_error;
    if (fx.persist) {
        if (auto st = save_cib(options_.cib_dir, replica_->cib()); !st) {
            persist_error = st.error();
            log_line(LOG_ERR, "cannot persist the CIB: " + persist_error);
        }
    }
    for (const auto& m : fx.send) {
        if (auto st = link_->send(encode(m)); !st)
            log_line(LOG_ERR, st.error());
    }
    for (const auto& r : fx.replies) {
        auto it = pending_.find(r.req);
        if (it == pending_.end())
            continue;
        crm::ipc::Response resp;
        resp.id = it->second.client_id;
        resp.rc = r.rc;
        resp.message = r.message;
        if (!persist_error.empty() && r.rc == Rc::ok) {
            // Applied in memory and on the other nodes, but not on this disk.
            resp.rc = Rc::internal;
            resp.message = "applied, but this node could not persist it: " + persist_error;
        }
        server_->reply(it->second.conn, resp);
        pending_.erase(it);
    }
}

void Daemon::on_request(std::uint64_t conn, const crm::ipc::Request& request) {
    using crm::ipc::Op;
    crm::ipc::Response resp;
    resp.id = request.id;
    switch (request.op) {
        case Op::cib_query:
            if (!replica_->joined().contains(replica_->self())) {
                server_->reply(conn, crm::ipc::refusal(request.id, Rc::unavailable,
                                                       "this node has not joined the cluster "
                                                       "yet; its CIB may be stale"));
                return;
            }
            resp.cib = replica_->cib();
            server_->reply(conn, resp);
            return;
        case Op::status:
            resp.status = cluster_status();
            resp.cib = replica_->cib();
            server_->reply(conn, resp);
            return;
        case Op::cib_replace: {
            const std::uint64_t req = next_req_++;
            pending_[req] = {conn, request.id};
            apply(replica_->request_replace(req, *request.cib, request.expect_epoch));
            return;
        }
        case Op::cleanup: {
            const std::uint64_t req = next_req_++;
            pending_[req] = {conn, request.id};
            apply(replica_->request_cleanup(req, request.resource.value_or(""),
                                            request.node.value_or("")));
            return;
        }
        case Op::wait:
            waits_.push_back(
                {conn, request.id,
                 now_ms() + static_cast<std::int64_t>(request.timeout_ms.value_or(60000))});
            check_waits(false);
            return;
    }
}

// The cluster has settled when this node holds the cluster's CIB and no
// view round is open (the controller adds "no transition running").
void Daemon::check_waits(bool) {
    const bool settled = replica_->settled() && runner_->idle() &&
                         (!controller_ || !controller_->busy()) &&
                         nothing_to_do(replica_->cib(), facts(), wall_s());
    const std::int64_t now = now_ms();
    std::erase_if(waits_, [&](const Wait& w) {
        if (settled) {
            crm::ipc::Response r;
            r.id = w.client_id;
            r.message = "settled";
            server_->reply(w.conn, r);
            return true;
        }
        if (now >= w.deadline_ms) {
            server_->reply(w.conn, crm::ipc::refusal(w.client_id, Rc::timeout,
                                                     "the cluster did not settle in time"));
            return true;
        }
        return false;
    });
}

void Daemon::on_view(std::vector<MemberId> members, std::vector<MemberId> left,
                     std::vector<MemberId> joined) {
    names_ = link_->node_names();
    // A new round: the CIB is not settled before it closes anyway, and a
    // cleanup that never comes back (a failed send) must not hold it after.
    departed_cleanups_pending_ = 0;
    for (const auto& m : left) {
        log_line(LOG_NOTICE, fmt::format("member {} ({}) left", to_string(m), uname_of(m.nodeid)));
        bool still_there = false;
        for (const auto& x : members)
            still_there = still_there || x.nodeid == m.nodeid;
        if (!still_there)
            departed_.insert(uname_of(m.nodeid));
    }
    for (const auto& m : joined) {
        fenced_.erase(uname_of(m.nodeid));  // back: a later loss needs fencing again
        // Back before its history was forgotten: that history is live (a
        // healed split) or erased by the round (a restarted vigild).
        departed_.erase(uname_of(m.nodeid));
        log_line(LOG_NOTICE,
                 fmt::format("member {} ({}) joined", to_string(m), uname_of(m.nodeid)));
    }
    record_pending_ = false;  // a record in flight is resent after the round if needed
    apply(replica_->on_view(std::move(members)));
    update_role();
    if (controller_)
        control(controller_->on_change(replica_->cib(), facts(), wall_s()));
}

void Daemon::on_deliver(const MemberId& sender, std::string_view bytes) {
    auto msg = decode_cpg(bytes);
    if (!msg) {
        const std::string line =
            refusals_.on_refused(sender, uname_of(sender.nodeid), bytes, msg.error());
        if (!line.empty())
            log_line(LOG_WARNING, line);
        return;
    }
    if (msg->type == MsgType::action) {
        if (msg->node == uname_of(link_->local_nodeid()) && msg->op)
            run_action(*msg->op);
        return;
    }
    if (msg->type == MsgType::cluster && sender == replica_->self())
        record_pending_ = false;
    // Delivered (applied, or dropped by a round that opened meanwhile).
    if (msg->type == MsgType::cleanup && msg->req == 0 && sender == replica_->self() &&
        departed_cleanups_pending_ > 0)
        --departed_cleanups_pending_;
    const bool was_settled = cib_settled();
    Effects fx = replica_->on_message(sender, *msg);
    const bool changed = fx.persist;
    // Taken another copy, or came back and had its old history erased.
    const bool republish = fx.synced || fx.republish;
    apply(std::move(fx));
    if (republish)
        republish_history();
    track_soft_waits();
    update_role();
    forget_departed();
    // Nothing new for the controller unless the CIB changed or it just
    // became the cluster's truth (the last awaited history arrived).
    if (!controller_ || (!changed && (was_settled || !cib_settled())))
        return;
    if (msg->type == MsgType::op_result && msg->resource) {
        // Match the result to the transition's action by its key.
        for (const auto& op : msg->resource->children) {
            if (op.name != "lrm_rsc_op" || op.attr("id").ends_with("_last_failure_0"))
                continue;
            const std::string key = op.attr("transition-key");
            const auto parts = crm::split(key, ':');
            const bool success =
                parts.size() == 4 && op.attr("op-status") == "0" &&
                (op.attr("rc-code") == parts[2] || (parts[2] == "7" && op.attr("rc-code") == "0"));
            control(controller_->on_result(key, success, replica_->cib(), facts(), wall_s()));
        }
        return;
    }
    control(controller_->on_change(replica_->cib(), facts(), wall_s()));
}

// The node's resources are the cluster's to stop: the DC's scheduler reads
// the `shutdown` attribute and stops (or moves) everything managed here;
// unmanaged resources stay. A lone node is its own DC and stops them itself.
void Daemon::begin_shutdown() {
    const std::int64_t escalation = shutdown_escalation_ms(replica_->cib());
    shutdown_deadline_ms_ = now_ms() + escalation;
    log_line(LOG_NOTICE,
             fmt::format("shutdown requested: asking the cluster to stop this node's resources "
                         "(exit when done, or after shutdown-escalation {}; a second signal "
                         "exits at once)",
                         crm::format_duration(escalation)));
    apply(replica_->request_attr(uname_of(link_->local_nodeid()),
                                 std::to_string(link_->local_nodeid()), std::string(shutdown_attr),
                                 std::to_string(wall_s())));
}

std::string Daemon::shutdown_finished() const {
    if (now_ms() >= *shutdown_deadline_ms_)
        return "shutdown-escalation reached, leaving whatever still runs here";
    if (!replica_->settled() || !runner_->idle() || (controller_ && controller_->busy()))
        return {};
    // Our attribute must be in the CIB the scheduler sees, and the cluster
    // must have nothing left to do with it: everything managed here stopped.
    if (!transient_attr(replica_->cib(), uname_of(link_->local_nodeid()), shutdown_attr))
        return {};
    if (!nothing_to_do(replica_->cib(), facts(), wall_s()))
        return {};
    return "no managed resource left active on this node";
}

// A `shutdown` attribute left by this node's previous run (a restart) would
// keep every resource away from it: remove it once joined.
void Daemon::clear_stale_shutdown() {
    if (shutdown_deadline_ms_ || stale_shutdown_checked_ || !replica_->settled())
        return;
    stale_shutdown_checked_ = true;
    const std::string local = uname_of(link_->local_nodeid());
    if (!transient_attr(replica_->cib(), local, shutdown_attr))
        return;
    log_line(LOG_NOTICE, "removing this node's shutdown attribute left by its previous run");
    apply(replica_->request_attr(local, std::to_string(link_->local_nodeid()),
                                 std::string(shutdown_attr), ""));
}

int Daemon::run() {
    qb_log_init("vigild", LOG_DAEMON, LOG_INFO);
    qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
    qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", LOG_INFO);
    qb_log_format_set(QB_LOG_STDERR, "%t %p: %b");

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, nullptr);
    signal(SIGPIPE, SIG_IGN);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);

    ::mkdir(options_.cib_dir.c_str(), 0750);
    auto loaded = load_cib(options_.cib_dir, validate_cib,
                           fmt::format("{}", std::chrono::system_clock::now().time_since_epoch() /
                                                 std::chrono::seconds(1)));
    for (const auto& l : loaded.log)
        log_line(LOG_ERR, l);
    const bool has_copy = loaded.cib.has_value();
    if (has_copy) {
        auto v = crm::ipc::cib_version_of(*loaded.cib);
        log_line(LOG_NOTICE, fmt::format("loaded CIB {} from {}/cib.xml",
                                         v ? crm::ipc::to_string(*v) : "?", options_.cib_dir));
    }

    CorosyncEvents ev;
    ev.view = [this](auto m, auto l, auto j) { on_view(std::move(m), std::move(l), std::move(j)); };
    ev.deliver = [this](const MemberId& s, std::string_view b) { on_deliver(s, b); };
    ev.ring = [this](std::string r) {
        ring_id_ = std::move(r);
        log_line(LOG_INFO, "corosync ring " + ring_id_);
        if (replica_)
            track_soft_waits();
    };
    ev.quorum = [this](bool q, std::string ring) {
        const bool was_settled = replica_ && cib_settled();
        quorum_ring_ = std::move(ring);
        // Corosync reports quorum on every membership change: new input
        // when it changed, or when it was the last thing the DC waited for.
        const bool changed = q != quorate_;
        if (changed)
            log_line(LOG_NOTICE, q ? "cluster is quorate" : "cluster lost quorum");
        quorate_ = q;
        ever_quorate_ = ever_quorate_ || q;
        if (!replica_)
            return;
        track_soft_waits();
        if (controller_ && (changed || (!was_settled && cib_settled())))
            control(controller_->on_change(replica_->cib(), facts(), wall_s()));
    };
    // Started together with corosync (or right after it restarts), vigild
    // waits for it rather than failing: a minute, then it gives up.
    for (int attempt = 0;; ++attempt) {
        link_ = std::make_unique<CorosyncLink>(ev);
        auto st = link_->connect(options_.group);
        if (st)
            break;
        if (attempt == 0)
            log_line(LOG_WARNING, st.error() + "; waiting for corosync");
        if (attempt >= 240) {
            log_line(LOG_ERR, st.error());
            return 1;
        }
        signalfd_siginfo si;
        if (::read(sfd, &si, sizeof si) == static_cast<ssize_t>(sizeof si))
            return 0;
        ::usleep(250 * 1000);
    }
    names_ = link_->node_names();
    cluster_name_ = link_->cluster_name();
    started_ms_ = now_ms();
    replica_.emplace(MemberId{link_->local_nodeid(), link_->local_pid()},
                     has_copy ? std::move(*loaded.cib) : empty_cib(), has_copy, validate_cib);
    log_line(LOG_NOTICE,
             fmt::format("vigild started on node {} ({}), cluster '{}'", link_->local_nodeid(),
                         uname_of(link_->local_nodeid()), cluster_name_));

    // resource-agents keep their state in /run/resource-agents, which a
    // boot's tmpfiles.d normally creates; do it here for hosts without it.
    ::mkdir("/run/resource-agents", 0755);
    runner_ = std::make_unique<AgentRunner>(options_.ocf_root);
    server_ = std::make_unique<IpcServer>(
        [this](std::uint64_t conn, const crm::ipc::Request& r) { on_request(conn, r); });
    if (auto st = server_->listen(options_.socket_path); !st) {
        log_line(LOG_ERR, st.error());
        return 1;
    }
    for (const auto& l : server_->take_log())
        log_line(LOG_WARNING, l);

    for (;;) {
        std::vector<pollfd> fds{
            {sfd, POLLIN, 0}, {link_->cpg_fd(), POLLIN, 0}, {link_->quorum_fd(), POLLIN, 0}};
        server_->add_pollfds(fds);
        runner_->add_pollfds(fds);
        const int timeout = static_cast<int>(poll_timeout());
        int n = ::poll(fds.data(), fds.size(), timeout);
        if (n < 0 && errno != EINTR) {
            log_line(LOG_ERR, fmt::format("poll: {}", std::strerror(errno)));
            return 1;
        }
        for (const auto& p : fds) {
            if (p.revents == 0)
                continue;
            if (p.fd == sfd) {
                signalfd_siginfo si;
                while (::read(sfd, &si, sizeof si) == static_cast<ssize_t>(sizeof si)) {
                }
                if (shutdown_deadline_ms_) {
                    log_line(LOG_NOTICE, "second signal during shutdown: exiting at once");
                    return 0;
                }
                begin_shutdown();
                continue;
            }
            if (p.fd == link_->cpg_fd()) {
                if (!link_->dispatch_cpg()) {
                    log_line(LOG_ERR, "lost the connection to corosync (CPG); exiting");
                    return 1;
                }
            } else if (p.fd == link_->quorum_fd()) {
                if (!link_->dispatch_quorum()) {
                    log_line(LOG_ERR, "lost the connection to corosync (quorum); exiting");
                    return 1;
                }
            } else if (!runner_->handle(p)) {
                server_->handle(p);
            }
        }
        start_due_monitors();
        for (auto& f : runner_->collect(now_ms()))
            on_agent_done(std::move(f));
        if (retry_at_ms_ > 0 && now_ms() >= retry_at_ms_) {
            retry_at_ms_ = 0;
            if (controller_)
                control(controller_->on_change(replica_->cib(), facts(), wall_s()));
        }
        // A failure expiring (failure-timeout) or cluster-recheck-interval:
        // the scheduler runs again although no input changed.
        if (controller_ && controller_->recheck_at() &&
            wall_ms() >= *controller_->recheck_at() * 1000) {
            log_line(LOG_INFO,
                     "recheck time reached (failure-timeout or "
                     "cluster-recheck-interval): running the scheduler");
            control(controller_->on_recheck(replica_->cib(), facts(), wall_s()));
        }
        // An action whose result never came (its node's vigild hung).
        if (controller_ && controller_->action_deadline() &&
            wall_ms() >= *controller_->action_deadline() * 1000)
            control(controller_->on_timer(replica_->cib(), facts(), wall_s()));
        for (const auto& l : server_->take_log())
            log_line(LOG_WARNING, l);
        if (!waits_.empty())
            check_waits(true);
        if (!startup_over_)
            update_role();
        if (controller_ && soft_wait_since_ms_ && !soft_wait_given_up_ &&
            now_ms() - *soft_wait_since_ms_ >= soft_wait_ms) {
            log_line(LOG_WARNING, fmt::format("still waiting for {} after {} ms; planning without",
                                              soft_waits(), soft_wait_ms));
            soft_wait_given_up_ = true;
            control(controller_->on_change(replica_->cib(), facts(), wall_s()));
        }
        clear_stale_shutdown();
        if (shutdown_deadline_ms_) {
            if (auto why = shutdown_finished(); !why.empty()) {
                log_line(LOG_NOTICE, "shutdown complete (" + why + "): leaving the cluster");
                return 0;
            }
        }
    }
}

}  // namespace vigild
