#include "startup_wait.h"

#include <fmt/format.h>

#include "cib_property.h"

namespace vigild {

std::int64_t dc_deadtime_ms(const crm::xml::Node& cib) {
    return duration_property_ms(cib, "dc-deadtime", default_dc_deadtime_ms);
}

std::optional<std::string> startup_wait_over(const StartupFacts& f) {
    if (f.ready_member_in_view)
        return std::string("joined an established cluster");
    if (!f.nodelist.empty()) {
        std::size_t present = 0;
        for (std::uint32_t id : f.nodelist) {
            for (const MemberId& m : f.view) {
                if (m.nodeid == id) {
                    ++present;
                    break;
                }
            }
        }
        if (present == f.nodelist.size())
            return fmt::format("all {} nodes of the nodelist are members", present);
    }
    if (f.since_start_ms >= f.deadtime_ms)
        return fmt::format("dc-deadtime ({} ms) passed without the missing nodes", f.deadtime_ms);
    return std::nullopt;
}

}  // namespace vigild
