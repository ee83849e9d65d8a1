#pragma once
// What `vigil status` shows, computed once from the CIB and a membership
// snapshot, then rendered as crm_mon-style text (render_text.h) or as the
// versioned XML form (render_xml.h). Pure: time and membership come in as
// values.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/xml/xml_node.h"

namespace crm::status {

// Who is in the cluster right now. From the daemon when it answers; offline
// (CIB_file) derived from the CIB's status section by membership_from_cib().
struct MemberState {
    std::string name;
    std::string id;
    bool online = false;
};

struct Membership {
    std::string cluster_name;  // "" = take cluster-name from the properties
    std::string stack = "corosync";
    std::string dc;               // node name; "" = none
    std::optional<bool> quorate;  // unknown when nullopt
    std::string local_node;
    std::vector<MemberState> members;
    bool from_file = false;  // offline view of a CIB file
    std::string source;      // file path, or socket
};

// Offline: node_state in_ccm/crmd/join say who was online, dc-uuid names
// the DC, have-quorum the quorum, as recorded when the file was written.
Membership membership_from_cib(const cib::Cib& cib);

struct NodeView {
    std::string name;
    std::string id;
    bool online = false;
    bool standby = false;
    bool maintenance = false;
    bool is_dc = false;
    int resources_running = 0;
};

// One active instance of a primitive.
struct Instance {
    std::string node;
    std::string role;  // Started, Promoted, Unpromoted, Stopping, Starting...
    bool failed = false;
};

struct PrimitiveView {
    std::string id;
    std::string agent;      // "ocf:heartbeat:IPaddr2"
    bool disabled = false;  // target-role=Stopped (own or inherited)
    bool managed = true;
    bool failed = false;
    std::vector<Instance> running;
};

struct GroupView {
    std::string id;
    bool disabled = false;
    std::vector<PrimitiveView> members;
};

struct CloneView {
    std::string id;
    bool promotable = false;
    bool disabled = false;
    std::variant<PrimitiveView, GroupView> child;
    std::vector<std::string> node_names;  // every node, for the Stopped: [ ] list
};

using ResourceView = std::variant<PrimitiveView, GroupView, CloneView>;

struct FailedAction {
    std::string op_key;  // "web_monitor_30000"
    std::string resource;
    std::string operation;
    std::int64_t interval_ms = 0;
    std::string node;
    int rc = 0;
    int op_status = 0;
    int call_id = 0;
    std::string exit_reason;
    std::optional<std::int64_t> last_rc_change;
    std::int64_t exec_ms = 0;
    std::int64_t queue_ms = 0;
};

struct FailCountView {
    std::string node;
    std::string resource;
    std::string operation;  // "" for the legacy per-resource count
    std::string value;
    std::string last_failure;  // epoch seconds as recorded, "" if absent
};

struct BanView {
    std::string id;
    std::string resource;
    std::string node;
    std::string score;
};

struct Warning {
    std::string code;  // stable identifier for scripts: fencing-disabled, ...
    std::string text;
};

// A cluster daemon on the local node, as pcs's "Daemon Status" shows it.
// Probed by the command-line tool (I/O), carried here as a value.
struct DaemonState {
    std::string name;  // corosync, vigild
    bool active = false;
    std::optional<bool> enabled;  // only known where systemd manages the unit
};

// The last fencing of a node, as vigild keeps it on the node's node_state
// (vigil-fenced-at, vigil-fence-result/-action/-device/-by/-detail).
struct FenceEvent {
    std::string target;
    std::string action;  // off, reboot
    std::string device;
    std::string by;  // the DC that fenced
    bool ok = false;
    std::int64_t at = 0;  // epoch seconds
    std::string detail;   // why it failed
};

struct ClusterView {
    Membership membership;
    std::string cluster_name;
    std::string dc;
    std::string dc_version;  // dc-version property, "" if unset
    std::optional<bool> quorate;
    std::string last_change;  // "Mon Aug 19 00:16:24 2024 by root via cibadmin on cluster1"
    std::vector<NodeView> nodes;
    std::vector<ResourceView> resources;
    int instances_configured = 0;
    int instances_disabled = 0;
    std::vector<FailedAction> failures;
    std::vector<FailCountView> fail_counts;
    std::vector<BanView> bans;
    std::vector<Warning> warnings;
    // Cluster options scripts care about, as effective values.
    bool stonith_enabled = true;
    std::string no_quorum_policy = "stop";
    bool maintenance_mode = false;
    // Local daemons (live views only; empty offline, where there are none).
    std::vector<DaemonState> daemons;
    // Last fencing per node, newest first (fence_history()).
    std::vector<FenceEvent> fence_history;
};

// last_change: describe_last_change() of the CIB's XML (the typed model does
// not carry cib-last-written and update-origin).
ClusterView build_view(const cib::Cib& cib, const Membership& membership,
                       const std::string& last_change = "");
std::string describe_last_change(const xml::Node& cib_xml);
// The fence records in the CIB status (the typed model does not carry them).
std::vector<FenceEvent> fence_history(const xml::Node& cib_xml);

// Names of the nodes where the resource (primitive, group, clone) is active.
std::vector<std::string> active_nodes(const ClusterView& view, const std::string& resource);

// Pacemaker's names for OCF exit codes and execution statuses.
std::string rc_text(int rc);
std::string op_status_text(int status);

}  // namespace crm::status
