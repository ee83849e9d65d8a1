#include "shutdown.h"

#include <algorithm>

#include <fmt/format.h>

#include "cib_property.h"

namespace vigild {
namespace xml = crm::xml;

std::optional<std::string> transient_attr(const xml::Node& cib, std::string_view uname,
                                          std::string_view name) {
    const xml::Node* status = cib.first_child("status");
    if (!status)
        return std::nullopt;
    for (const auto& ns : status->children) {
        if (ns.name != "node_state" || ns.attr("uname") != uname)
            continue;
        const xml::Node* ta = ns.first_child("transient_attributes");
        if (!ta)
            return std::nullopt;
        for (const auto& set : ta->children) {
            for (const auto& nv : set.children) {
                if (nv.name == "nvpair" && nv.attr("name") == name)
                    return nv.attr("value");
            }
        }
    }
    return std::nullopt;
}

bool set_transient_attr(xml::Node& ns, const std::string& name, const std::string& value) {
    const std::string id = ns.attr("id");
    if (value.empty()) {
        xml::Node* ta = ns.first_child("transient_attributes");
        if (!ta)
            return false;
        std::size_t removed = 0;
        for (auto& set : ta->children) {
            removed += std::erase_if(set.children, [&](const xml::Node& nv) {
                return nv.name == "nvpair" && nv.attr("name") == name;
            });
        }
        return removed > 0;
    }
    xml::Node& ta = ns.ensure_child("transient_attributes");
    if (!ta.has_attr("id"))
        ta.set_attr("id", id);
    xml::Node& set = ta.ensure_child("instance_attributes");
    if (!set.has_attr("id"))
        set.set_attr("id", "status-" + id);
    for (auto& nv : set.children) {
        if (nv.name == "nvpair" && nv.attr("name") == name) {
            if (nv.attr("value") == value)
                return false;
            nv.set_attr("value", value);
            return true;
        }
    }
    xml::Node nv("nvpair");
    nv.set_attr("id", fmt::format("status-{}-{}", id, name));
    nv.set_attr("name", name);
    nv.set_attr("value", value);
    set.add_child(std::move(nv));
    return true;
}

std::int64_t shutdown_escalation_ms(const xml::Node& cib) {
    constexpr std::int64_t fallback = 20 * 60 * 1000;
    return duration_property_ms(cib, "shutdown-escalation", fallback, 1);
}

}  // namespace vigild
