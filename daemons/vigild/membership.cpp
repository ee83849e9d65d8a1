#include "membership.h"

#include <fmt/format.h>

namespace vigild {

std::string to_string(const MemberId& m) {
    return fmt::format("{}:{}", m.nodeid, m.pid);
}

std::optional<std::uint32_t> choose_dc(const std::vector<MemberId>& view,
                                       const std::set<MemberId>& joined) {
    std::optional<std::uint32_t> dc;
    for (const MemberId& m : view) {
        if (!joined.contains(m))
            continue;
        if (!dc || m.nodeid < *dc)
            dc = m.nodeid;
    }
    return dc;
}

}  // namespace vigild
