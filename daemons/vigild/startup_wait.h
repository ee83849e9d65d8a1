#pragma once
// dc-deadtime: a node that has just started must not act as DC while the
// rest of the cluster may merely not have reached it yet. Corosync first
// forms a ring of the nodes it hears at once; a rebooted director can see
// only itself (or another rebooted node) for a few seconds before the rings
// merge. Acting as DC in that window would start the group a second time
// wherever no-quorum-policy lets a small partition run resources.
//
// So a node holds back from being DC after it starts until one of:
// - every node of corosync's nodelist is in its view (nothing to wait for);
// - a member of its view is past its own start-up wait (an established
//   cluster: the newcomer joins it, as any restarted node does);
// - dc-deadtime (cluster property, Pacemaker's default 20 s) has passed
//   since vigild started: the missing nodes are taken to be down.
// Pacemaker waits dc-deadtime for an election at every start; Vigil waits
// only when someone is missing, so a whole cluster starting together is
// not slowed.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crm/xml/xml_node.h"
#include "membership.h"

namespace vigild {

inline constexpr std::int64_t default_dc_deadtime_ms = 20000;

// dc-deadtime from the CIB's cluster properties; the default when unset or
// not a duration.
std::int64_t dc_deadtime_ms(const crm::xml::Node& cib);

struct StartupFacts {
    std::set<std::uint32_t> nodelist;  // node ids in corosync's nodelist
    std::vector<MemberId> view;
    bool ready_member_in_view = false;  // another member is past its wait
    std::int64_t since_start_ms = 0;
    std::int64_t deadtime_ms = default_dc_deadtime_ms;
};

// Why the wait is over (for the log), or nothing while it goes on.
std::optional<std::string> startup_wait_over(const StartupFacts& f);

}  // namespace vigild
