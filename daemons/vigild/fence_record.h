#pragma once
// What the DC writes into the CIB status after it fenced a node (or tried),
// applied by every member when the message carrying it is delivered.
//
// A success leaves the node's node_state the way Pacemaker's controller
// leaves a fenced node: cleanly down (in_ccm=false, crmd=offline,
// join=down, expected=down), its operation history and transient
// attributes erased, so the scheduler knows nothing runs there. Success or
// not, the outcome is kept on the node_state for operators to read:
//
//   vigil-fenced-at      epoch seconds (the DC's clock) of the outcome
//   vigil-fence-result   "ok" or "failed"
//   vigil-fence-action   "off" or "reboot"
//   vigil-fence-device   id of the stonith resource used
//   vigil-fence-by       node name of the DC that fenced
//   vigil-fence-detail   why it failed (absent after a success)
//
// These attributes stay until the next fencing of the node overwrites them
// (a rejoin does not erase them: "when was this node last fenced" remains
// answerable).
#include <cstdint>
#include <string>

#include "crm/xml/xml_node.h"

namespace vigild {

struct FenceRecord {
    std::string target;     // node name
    std::string target_id;  // its corosync node id ("" if unknown)
    std::string device;
    std::string action;  // off | reboot
    std::string by;      // the DC's node name
    bool ok = false;
    std::int64_t at = 0;  // epoch seconds
    std::string detail;   // failure reason

    friend bool operator==(const FenceRecord&, const FenceRecord&) = default;
};

// Applies the record to cib's status; true if anything changed.
bool record_fence(crm::xml::Node& cib, const FenceRecord& record);

}  // namespace vigild
