#include "startup_wait.h"

#include <fmt/format.h>

#include "crm/common/duration.h"

namespace vigild {

std::int64_t dc_deadtime_ms(const crm::xml::Node& cib) {
    const crm::xml::Node* config = cib.first_child("configuration");
    const crm::xml::Node* crm_config = config ? config->first_child("crm_config") : nullptr;
    if (!crm_config)
        return default_dc_deadtime_ms;
    for (const auto& set : crm_config->children) {
        if (set.name != "cluster_property_set")
            continue;
        for (const auto& nv : set.children) {
            if (nv.name != "nvpair" || nv.attr("name") != "dc-deadtime")
                continue;
            if (auto ms = crm::parse_duration_ms(nv.attr("value")); ms && *ms >= 0)
                return *ms;
        }
    }
    return default_dc_deadtime_ms;
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
