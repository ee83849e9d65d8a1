#pragma once
// The scheduler's private working model: nodes and the resource tree
// (clones expanded into instances) with their interpreted status, scores
// and decisions. Built by unpack_*.cpp, filled by placement.cpp and
// actions.cpp, read by summary.cpp.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/common/score.h"
#include "crm/scheduler/scheduler.h"

namespace crm::scheduler::detail {

struct Node {
    std::string name;
    std::string id;
    int index = 0;  // position in <nodes>
    bool online = false;
    bool unclean = false;  // must be fenced before its resources count as stopped
    bool lost = false;     // down while expected up (unclean from its own state)
    bool standby = false;
    bool maintenance = false;
    bool shutdown = false;                     // shutdown requested: resources move away
    bool fence = false;                        // fencing scheduled in this transition
    std::map<std::string, std::string> attrs;  // permanent then transient attributes
    int assigned = 0;  // resources assigned so far (load balancing tie-break)
    bool is_dc = false;
    std::map<std::string, long long> capacity;  // utilization the node offers
    std::map<std::string, long long> used;      // assigned so far

    bool can_run() const { return online && !unclean && !standby && !maintenance && !shutdown; }
};

enum class Kind { Primitive, Group, Clone };

// What the failure history says should happen (Pacemaker's on-fail), by
// increasing severity.
enum class OnFail { None, Ignore, Restart, Block, Stop, Standby, Fence };

struct Rsc {
    Kind kind = Kind::Primitive;
    std::string id;    // instance id: "rsc", "child:2"
    std::string name;  // canonical output name: "rsc", "clone:child"
    Rsc* parent = nullptr;
    std::vector<Rsc*> children;  // group members in order, or clone instances
    const cib::Primitive* prim = nullptr;
    std::map<std::string, std::string> meta;  // own meta merged over parents' and rsc_defaults
    bool orphan = false;
    Rsc* orphan_of = nullptr;  // the clone an extra (beyond clone-max) instance belongs to
    bool unmonitored = false;  // holds an extra instance's status: no recurring monitors

    // settings
    bool managed = true;
    bool stonith = false;
    std::string target_role;  // "" = Started
    Score stickiness;
    long long migration_threshold = Score::kInfinity;
    std::int64_t failure_timeout = 0;  // seconds; 0: failures never expire
    int priority = 0;
    int clone_max = 0;       // clones
    int clone_node_max = 1;  // clones
    int clone_min = 0;       // clones: instances needed before what is ordered after starts
    bool ordered = false;    // clones
    bool unique = false;     // globally-unique clone: instances are distinct
    bool promotable = false;
    int promoted_max = 1;
    int promoted_node_max = 1;

    // status (primitives)
    std::vector<int> running_on;  // node indexes (usually 0 or 1)
    Role role = Role::Stopped;
    bool failed = false;
    std::string failure_key;  // operation of the last failure ("monitor_10000")
    OnFail on_fail = OnFail::None;
    int failed_stop_node = -1;
    bool failed_start = false;
    std::vector<char> known;  // per node: history exists (no probe needed)
    std::vector<int> failcount;
    std::map<std::string, long long> utilization;
    std::vector<char> banned;  // per node: hard error there (rc 2, 4, 5; 6 bans everywhere)

    // placement
    std::vector<Score> score;      // per node
    std::vector<Score> own_score;  // per node, without the nodes' state (standby, down)
    // per node, as what is colocated with it weighs it: score without the
    // target-role=Stopped ban (applied only when it is placed itself)
    std::vector<Score> merge_score;
    std::vector<char> allowed;  // per node: may run there at all
    bool assigned_done = false;
    int next_node = -1;
    Role next_role = Role::Stopped;
    bool blocked = false;  // failed and stuck (no action possible)

    // actions (primitives)
    int start_action = -1;
    int promote_action = -1;
    int demote_action = -1;
    int stop_action = -1;          // on the first node it runs on
    std::vector<int> extra_stops;  // on the other nodes (multiply active)
    bool start_unrunnable_reason = false;
    // Recurring monitors scheduled (runnable): node and interval. One with
    // the key of the last failure clears it once it passes.
    std::vector<std::pair<int, std::int64_t>> monitors;

    bool is_primitive() const { return kind == Kind::Primitive; }
    bool active() const { return !running_on.empty(); }
    int current_node() const { return running_on.size() == 1 ? running_on[0] : -1; }
    Rsc* top() {
        Rsc* r = this;
        while (r->parent)
            r = r->parent;
        return r;
    }
    bool in_promotable() {
        Rsc* c = clone_ancestor();
        return c && c->promotable;
    }
    Rsc* clone_ancestor() {
        for (Rsc* r = parent; r; r = r->parent)
            if (r->kind == Kind::Clone)
                return r;
        return nullptr;
    }
};

struct ColocationRule {
    Rsc* dependent = nullptr;  // top-level placement unit (or group member)
    Rsc* primary = nullptr;
    Score score;
    Role dependent_role = Role::Started;  // Started = any active role
    Role primary_role = Role::Started;
    std::string id;
};

struct LocationRule {
    Rsc* rsc = nullptr;
    int node = -1;
    Score score;
    Role role = Role::Started;  // Promoted: counts toward promotion only
    std::string id;             // constraint id, for explanations
};

struct OrderRule {
    Rsc* first = nullptr;
    Rsc* then = nullptr;
    std::string first_action;  // start stop promote demote
    std::string then_action;
    bool mandatory = true;
    bool symmetrical = true;
    // require-all=false: with a clone first, one runnable instance is
    // enough for 'then' (as clone-min=1 would have it).
    bool require_all = true;
    // From an order set with require-all=false: 'then' waits for any one
    // of these (first is the first of them).
    std::vector<Rsc*> any_of;
};

struct WorkingSet {
    std::int64_t now = 0;
    bool probes = true;
    // cluster options
    bool symmetric = true;
    bool stonith_enabled = true;
    std::string stonith_action = "reboot";
    bool have_quorum = true;
    std::string no_quorum_policy = "stop";
    bool maintenance_mode = false;
    bool start_failure_is_fatal = true;
    bool stop_orphans = true;
    std::string dc_uuid;
    std::string placement_strategy = "default";

    std::vector<Node> nodes;
    std::vector<std::unique_ptr<Rsc>> storage;
    std::vector<Rsc*> top;              // top-level resources in configuration order
    std::map<std::string, Rsc*> by_id;  // configured ids (primitive, group, clone) and instances
    std::vector<LocationRule> locations;
    std::vector<std::pair<Rsc*, const cib::LocationConstraint*>> rule_locations;  // after status
    std::vector<ColocationRule> colocations;
    std::vector<OrderRule> orders;
    std::vector<std::string> warnings;
    std::optional<std::int64_t> recheck_at;  // earliest future failure expiry
    // A failure that is still counted expires at `when`: remember the earliest.
    void expires_at(std::int64_t when) {
        if (when > now && (!recheck_at || when < *recheck_at))
            recheck_at = when;
    }
    std::string explain_id;                // resource whose scoring is narrated
    std::vector<std::string> explanation;  // "node: +50 location 'loc1'"
    bool explains(const Rsc* r) const {
        if (explain_id.empty() || !r)
            return false;
        return r->id == explain_id || r->name == explain_id ||
               (r->prim && r->prim->id == explain_id);
    }
    void why(const std::string& line) { explanation.push_back(line); }

    Rsc* make(Kind k) {
        storage.push_back(std::make_unique<Rsc>());
        storage.back()->kind = k;
        return storage.back().get();
    }
    int node_index(const std::string& name) const {
        for (const auto& n : nodes)
            if (n.name == name || n.id == name)
                return n.index;
        return -1;
    }
    bool has_fence_device = false;  // some stonith-class primitive is configured
    // Without quorum only the nodes of this partition (online) can be
    // fenced: whether the others are gone is for the quorate side to decide.
    bool fencing_possible(const Node& n) const {
        return stonith_enabled && has_fence_device &&
               (have_quorum || no_quorum_policy == "ignore" || n.online);
    }
    // Fencing enabled without any device: Pacemaker disables resource
    // start-up and leaves running resources where they are.
    bool startup_disabled() const { return stonith_enabled && !has_fence_device; }
    // What start-up disabled leaves where it is: every active resource but a
    // clone's extra instances (beyond clone-max), which still stop.
    bool held_by_startup_disabled(const Rsc* p) const {
        return startup_disabled() && p->active() && !p->orphan_of;
    }
    // Resources may start only with quorum (or when told to ignore it).
    bool may_start() const { return have_quorum || no_quorum_policy == "ignore"; }
    // Without quorum, freeze leaves what runs alone (recovering it in place
    // if it fails), and so does demote for promotable clone instances
    // (which it only demotes); everything else stops.
    bool keeps_running_without_quorum(Rsc* p) const {
        return p->active() && (no_quorum_policy == "freeze" ||
                               (no_quorum_policy == "demote" && p->in_promotable()));
    }
    // demote without quorum: no instance is promoted, promoted ones demote.
    bool promotion_held() const { return !have_quorum && no_quorum_policy == "demote"; }
};

// Every primitive below r (instances included), in order.
void primitives_of(Rsc* r, std::vector<Rsc*>& out);

Status unpack_config(const cib::Cib& cib, WorkingSet& ws);
Status unpack_status(const cib::Cib& cib, WorkingSet& ws);
// Start-up disabled: an extra clone instance (beyond clone-max) that is
// healthier than a counted one takes its place, so the worse one stops.
void keep_healthy_instances(WorkingSet& ws);
// Location rules need node attributes, transient ones included.
Status resolve_rule_locations(WorkingSet& ws);
void assign(WorkingSet& ws);
void build_actions(WorkingSet& ws, graph::Graph& g, bool probes);
void summarize(WorkingSet& ws, const graph::Graph& g, Transition& t);
// Adds the recurring monitors the new placement needs (before summarize:
// they never appear in the transition summary, but one that passes where
// the same monitor failed clears the failure in the resulting status).
void schedule_recurring(const cib::Cib& cib, WorkingSet& ws, graph::Graph& g);
// Adds probes (monitor, interval 0) where a resource's state is unknown,
// before its starts (after summarize: never in the transition summary).
void schedule_probes(WorkingSet& ws, graph::Graph& g);

}  // namespace crm::scheduler::detail
