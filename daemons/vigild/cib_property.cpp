#include "cib_property.h"

#include "crm/common/duration.h"

namespace vigild {

const crm::xml::Node* find_property(const crm::xml::Node& cib, const std::string& name) {
    const crm::xml::Node* config = cib.first_child("configuration");
    const crm::xml::Node* crm_config = config ? config->first_child("crm_config") : nullptr;
    if (!crm_config)
        return nullptr;
    for (const auto& set : crm_config->children) {
        if (set.name != "cluster_property_set")
            continue;
        for (const auto& nv : set.children) {
            if (nv.name == "nvpair" && nv.attr("name") == name)
                return &nv;
        }
    }
    return nullptr;
}

std::int64_t duration_property_ms(const crm::xml::Node& cib, const std::string& name,
                                  std::int64_t fallback, std::int64_t min_ms) {
    const crm::xml::Node* nv = find_property(cib, name);
    if (!nv)
        return fallback;
    auto ms = crm::parse_duration_ms(nv->attr("value"));
    return ms && *ms >= min_ms ? *ms : fallback;
}

}  // namespace vigild
