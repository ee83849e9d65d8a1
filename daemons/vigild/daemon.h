#pragma once
// vigild's event loop: wires corosync, the replicated CIB, the IPC server
// and the disk together. Decisions live in Replica (and the other core
// units); this class only moves bytes between them.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "agent_runner.h"
#include "controller.h"
#include "corosync_link.h"
#include "ipc_server.h"
#include "replica.h"

namespace vigild {

struct DaemonOptions {
    std::string socket_path;
    std::string cib_dir = "/var/lib/vigil";
    std::string group = "vigil";
    std::string ocf_root = "/usr/lib/ocf";
};

class Daemon {
  public:
    explicit Daemon(DaemonOptions options);
    int run();

  private:
    void on_request(std::uint64_t conn, const crm::ipc::Request& request);
    void on_view(std::vector<MemberId> members, std::vector<MemberId> left,
                 std::vector<MemberId> joined);
    void on_deliver(const MemberId& sender, std::string_view bytes);
    void apply(Effects fx);
    void check_waits(bool timers_only);
    crm::ipc::ClusterStatus cluster_status() const;
    std::string uname_of(std::uint32_t nodeid) const;
    ClusterFacts facts() const;
    // The controller exists while this node is the DC.
    void update_role();
    void check_startup();
    bool cib_settled() const;
    std::string soft_waits() const;
    void track_soft_waits();
    void control(ControllerStep step);
    bool fence(const FenceOrder& order);
    void run_action(AgentOp op);
    void on_agent_done(Finished f);
    void start_due_monitors();
    void start_queued(const std::string& rsc);
    void forget_departed();
    void republish_history();
    // The DC records the nodes corosync knows and the cluster properties
    // (dc-version ...) when the CIB lacks them.
    void record_cluster();
    std::int64_t poll_timeout() const;
    // Clean stop (shutdown.h): ask the cluster to stop this node's
    // resources; finished() says why it may exit now ("" = keep waiting).
    void begin_shutdown();
    std::string shutdown_finished() const;
    void clear_stale_shutdown();

    DaemonOptions options_;
    std::unique_ptr<CorosyncLink> link_;
    std::unique_ptr<IpcServer> server_;
    std::optional<Replica> replica_;
    std::map<std::uint32_t, std::string> names_;
    std::string cluster_name_;
    std::string ring_id_;
    bool quorate_ = false;
    // This partition had quorum at some point since vigild started: only
    // then does losing it make no-quorum-policy=fence fence anything.
    bool ever_quorate_ = false;
    std::uint64_t next_req_ = 1;
    struct Pending {
        std::uint64_t conn;
        std::uint64_t client_id;
    };
    std::map<std::uint64_t, Pending> pending_;
    struct Wait {
        std::uint64_t conn;
        std::uint64_t client_id;
        std::int64_t deadline_ms;
    };
    std::vector<Wait> waits_;

    std::unique_ptr<AgentRunner> runner_;
    std::optional<Controller> controller_;
    int call_id_ = 0;
    std::int64_t retry_at_ms_ = 0;  // replan after a failed transition
    // Recurring monitors on this node, by "rsc_monitor_interval".
    struct Recurring {
        AgentOp op;
        std::int64_t due_ms = 0;
        std::optional<int> last_rc;
        bool running = false;
    };
    std::map<std::string, Recurring> recurring_;
    std::map<std::string, std::vector<AgentOp>> queued_;  // per resource, waiting their turn
    // The parameters each resource last ran with here, for stopping it once
    // its configuration is gone (an orphan's stop carries none).
    std::map<std::string, std::map<std::string, std::string>> last_params_;
    // What this node's executor has done since vigild started, by
    // resource: the node's own truth, republished after a sync.
    std::map<std::string, crm::xml::Node> history_;
    bool record_pending_ = false;                // this DC's cluster record is on its way
    RefusalLog refusals_;                        // CPG messages that did not decode
    std::map<std::string, FenceRecord> fenced_;  // fenced by this DC, not seen since
    std::set<std::string> departed_;             // nodes that left; history to forget when settled
    int departed_cleanups_pending_ = 0;          // this DC's forgetting of them, not delivered yet
    std::optional<std::int64_t> shutdown_deadline_ms_;  // set once a stop was requested
    bool stale_shutdown_checked_ = false;  // an earlier run's `shutdown` attribute is cleared
    std::int64_t started_ms_ = 0;          // when vigild connected to corosync
    bool startup_over_ = false;            // past the start-up wait (startup_wait.h)
    bool startup_hold_logged_ = false;
    std::string quorum_ring_;  // the ring corosync's last quorum verdict is about
    // Soft waits before planning (daemon_role.cpp): since when, and given up.
    std::optional<std::int64_t> soft_wait_since_ms_;
    bool soft_wait_given_up_ = false;
    static constexpr std::int64_t soft_wait_ms = 3000;
};

}  // namespace vigild
