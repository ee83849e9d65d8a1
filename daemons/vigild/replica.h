#pragma once
// The replicated CIB: a state machine every member runs on the same input
// (CPG views and messages in corosync's total order), so every member holds
// the same CIB without a protocol of Vigil's own beyond these rules:
//
// - After every view change each member announces (state message) the CIB
//   it holds. Once all members' announcements are in, either they all hold
//   the same CIB and the round is over, or the best copy wins: one that was
//   loaded or received (over a fresh empty one), then the highest
//   (admin_epoch, epoch), then one held by a member already in the cluster,
//   then the highest num_updates, then the lowest node id. The winner
//   sends it (sync message) and everyone adopts it; a member whose own copy
//   lost says so in the log. A joining node thus gets the cluster's CIB, and
//   merging partitions keep the most advanced configuration.
// - A node's status is never taken from a stale copy: when the round
//   closes, every member erases the operation history (lrm) of each member
//   that had not joined before (a node powered back on runs nothing, whatever
//   its old cib.xml says), and such a member, like one whose copy lost,
//   republishes what its executor knows (Effects::republish).
// - Updates are messages too and are applied by everyone at their place in
//   the order. While a round is open they are refused (every member makes
//   the same decision), so no update can fall between a copy and its sync.
//
// Pure: no I/O, no clock. The caller persists when told to (before sending
// the replies in the same Effects) and sends the messages.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cpg_message.h"
#include "crm/ipc/protocol.h"
#include "crm/xml/xml_node.h"
#include "membership.h"

namespace vigild {

struct Reply {
    std::uint64_t req = 0;
    crm::ipc::Rc rc = crm::ipc::Rc::ok;
    std::string message;
};

struct Effects {
    std::vector<CpgMessage> send;
    bool persist = false;          // the CIB changed: write it to disk before the replies
    std::vector<Reply> replies;    // answers to this member's own client requests
    std::vector<std::string> log;  // one line per decision an operator wants to see
    bool synced = false;           // this member's CIB was replaced by the round's winner
    bool republish = false;        // this member's history in the CIB was erased or replaced

    void merge(Effects other);
};

// A replacement CIB's problems ("" = acceptable). Must be deterministic:
// every member runs it on the same input and must reach the same verdict.
using Validator = std::function<std::string(const crm::xml::Node& cib)>;

// An empty CIB at version 0.0.0 (what a node without a disk copy holds).
crm::xml::Node empty_cib();

class Replica {
  public:
    // has_copy: `cib` was loaded from disk (false for a fresh empty CIB).
    Replica(MemberId self, crm::xml::Node cib, bool has_copy, Validator validator);

    Effects on_view(std::vector<MemberId> members);
    Effects on_message(const MemberId& sender, const CpgMessage& message);

    // This member's requests: the message to send, or an immediate refusal.
    Effects request_replace(std::uint64_t req, crm::xml::Node cib,
                            std::optional<crm::ipc::CibVersion> expect);
    Effects request_cleanup(std::uint64_t req, std::string rsc, std::string node);
    // Executor results are never refused: they wait for the round to close.
    Effects request_op_result(std::string node, std::string node_id, crm::xml::Node lrm_resource);
    // A node's own account of what its executor did (replaces its history).
    Effects request_history(std::string node, std::string node_id, crm::xml::Node lrm_resources);
    // The DC's fencing outcome and its record of nodes and properties:
    // never refused, they wait for the round to close like op results.
    Effects request_fenced(FenceRecord record);
    Effects request_cluster_record(ClusterRecord record);
    // A node's own transient attribute (value "" removes it), e.g. `shutdown`.
    Effects request_attr(std::string node, std::string node_id, std::string name,
                         std::string value);

    const MemberId& self() const { return self_; }
    const std::vector<MemberId>& view() const { return view_; }
    const std::set<MemberId>& joined() const { return joined_; }
    // Start-up wait (startup_wait.h): this member says in its state
    // messages whether it is past its own, and learns the others' from
    // theirs.
    void set_ready() { ready_ = true; }
    bool ready_member_in_view() const;
    // Members that must still republish their operation history after the
    // last round (newcomers, and those whose copy lost): every member knows
    // the same set from the same states. Until they have, the status is not
    // the cluster's truth yet and the DC should not plan on it.
    const std::set<MemberId>& histories_pending() const { return republish_pending_; }
    bool round_open() const { return round_open_; }
    // In a view, holding the cluster's CIB, no round open.
    bool settled() const { return !view_.empty() && !round_open_ && joined_.contains(self_); }
    std::optional<std::uint32_t> dc() const { return choose_dc(view_, joined_); }
    const crm::xml::Node& cib() const { return cib_; }
    crm::ipc::CibVersion version() const;
    std::string digest() const;

  private:
    Effects send_when_settled(CpgMessage m);
    Effects on_state(const MemberId& sender, const CpgMessage& m);
    Effects on_sync(const MemberId& sender, const CpgMessage& m);
    Effects on_replace(const MemberId& sender, const CpgMessage& m);
    Effects on_op_result(const MemberId& sender, const CpgMessage& m);
    Effects on_cleanup(const MemberId& sender, const CpgMessage& m);
    Effects on_history(const MemberId& sender, const CpgMessage& m);
    Effects on_fenced(const MemberId& sender, const CpgMessage& m);
    Effects on_cluster(const MemberId& sender, const CpgMessage& m);
    Effects on_attr(const MemberId& sender, const CpgMessage& m);
    crm::xml::Node& node_state(const std::string& uname, const std::string& id);
    Effects close_round(std::string how);
    Effects forget_newcomers();
    void bump(bool epoch);
    std::string dc_text() const;

    MemberId self_;
    crm::xml::Node cib_;
    bool has_copy_;
    Validator validator_;
    std::vector<MemberId> view_;
    std::set<MemberId> joined_;
    bool ready_ = false;
    std::set<MemberId> ready_members_;  // others that said they are past their wait
    std::set<MemberId> republish_pending_;
    bool round_open_ = false;
    std::map<MemberId, CpgMessage> states_;
    std::optional<MemberId> winner_;
    std::vector<CpgMessage> outbox_;  // own op results waiting for the round to close
};

}  // namespace vigild
