#pragma once
// The messages vigild members exchange over CPG. Corosync delivers them to
// every member in one total order; the sender's identity comes from CPG,
// never from the message. Encoded as small XML documents so a capture can be
// read and every field is validated on receipt like any other input.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agent_op.h"
#include "crm/common/result.h"
#include "crm/ipc/protocol.h"
#include "crm/xml/xml_node.h"
#include "dc_record.h"
#include "fence_record.h"
#include "membership.h"

namespace vigild {

enum class MsgType {
    state,      // after a view change: what CIB I hold
    sync,       // the round's winner: the CIB everyone adopts
    replace,    // a client's cib-replace
    op_result,  // an executor result for the status section
    cleanup,    // forget a resource's history and fail counts
    action,     // the DC asks one node's executor to run an agent operation
    history,    // a node republishes its own operation history (lrm_resources)
    fenced,     // the DC's fencing outcome for the status section
    cluster,    // the DC's record of nodes and cluster-wide properties
    attr,       // a node sets (value) or removes ("") one of its transient attributes
};

struct CpgMessage {
    MsgType type = MsgType::state;
    // state, sync: the view the sender saw when it sent this, so a message
    // from an earlier round is recognised and ignored.
    std::vector<MemberId> view;
    // state
    bool has_copy = false;  // a CIB loaded from disk or received from the cluster
    bool joined = false;    // finished joining in the previous view
    bool ready = false;     // past its start-up wait (startup_wait.h)
    crm::ipc::CibVersion version;
    std::string digest;
    // replace, op_result, cleanup: the origin's request number (for its answer)
    std::uint64_t req = 0;
    std::optional<crm::ipc::CibVersion> expect;  // replace
    std::optional<crm::xml::Node> cib;           // sync, replace
    // op_result: <lrm_resource id class provider type><lrm_rsc_op .../></lrm_resource>
    std::optional<crm::xml::Node> resource;
    std::string node;           // op_result, cleanup: node uname ("" = every node for cleanup)
    std::string node_id;        // op_result: corosync node id of `node`
    std::string rsc;            // cleanup: resource id ("" = every resource)
    std::optional<AgentOp> op;  // action (node: where it runs)
    std::optional<crm::xml::Node> lrm;    // history: <lrm_resources> of `node`
    std::optional<FenceRecord> fence;     // fenced
    std::optional<ClusterRecord> record;  // cluster
    std::string attr_name;                // attr (node, node_id: whose)
    std::string attr_value;               // attr: "" removes it

    friend bool operator==(const CpgMessage&, const CpgMessage&) = default;
};

// Every message carries the protocol version of its sender
// (<vigil-cpg protocol="N" ...>); a member refuses messages of any other
// version. Bump it whenever a message's meaning or layout changes.
inline constexpr int cpg_protocol_version = 1;

std::string encode(const CpgMessage& m);
crm::Result<CpgMessage> decode_cpg(std::string_view bytes);

// The protocol version a message claims: its "protocol" attribute, "none"
// when it has none (a vigild from before versioning), "" when the bytes are
// not a <vigil-cpg> document at all.
std::string cpg_protocol_of(std::string_view bytes);

// Decides how to report a message that did not decode: a sender speaking
// another protocol version is named once (one log line with both versions,
// not one per message); any other refusal gets a line each time.
class RefusalLog {
  public:
    // The line to log for this refusal, or "" when it was already said.
    std::string on_refused(const MemberId& sender, const std::string& uname, std::string_view bytes,
                           const std::string& error);

  private:
    std::set<std::pair<MemberId, std::string>> foreign_;  // (sender, its version) already named
};

}  // namespace vigild
