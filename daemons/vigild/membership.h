#pragma once
// Who is in the cluster, as corosync's CPG reports it, and which member is
// the DC. Vigil has no election: every member computes the DC from the same
// view with the same rule, so they agree without exchanging messages.
#include <compare>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace vigild {

// One vigild process in the CPG group: a node id and the process id (a
// restarted vigild is a new member even on the same node).
struct MemberId {
    std::uint32_t nodeid = 0;
    std::uint32_t pid = 0;

    friend auto operator<=>(const MemberId&, const MemberId&) = default;
};

std::string to_string(const MemberId& m);  // "2:1234"

// The DC: the lowest node id among the view's members that have finished
// joining (hold the cluster's CIB). None while no member has. A node that
// has just started acts on this only after its start-up wait (dc-deadtime,
// startup_wait.h), so a node alone in its first view does not run the
// cluster's resources while the others are merely not in sight yet.
std::optional<std::uint32_t> choose_dc(const std::vector<MemberId>& view,
                                       const std::set<MemberId>& joined);

}  // namespace vigild
