#include "crm/cib/cib.h"

#include <fmt/format.h>

namespace crm::cib {

std::string Version::to_string() const {
    return fmt::format("{}.{}.{}", admin_epoch, epoch, num_updates);
}

namespace {

template <typename Visit>
void for_each_primitive(const Resource& r, Visit&& visit) {
    if (const auto* p = std::get_if<Primitive>(&r)) {
        visit(*p);
    } else if (const auto* g = std::get_if<Group>(&r)) {
        for (const auto& m : g->members)
            visit(m);
    } else if (const auto* c = std::get_if<Clone>(&r)) {
        if (const auto* cp = std::get_if<Primitive>(&c->child)) {
            visit(*cp);
        } else {
            for (const auto& m : std::get<Group>(c->child).members)
                visit(m);
        }
    }
}

}  // namespace

const Primitive* Cib::find_primitive(const std::string& id) const {
    const Primitive* hit = nullptr;
    for (const auto& r : configuration.resources) {
        for_each_primitive(r, [&](const Primitive& p) {
            if (!hit && p.id == id)
                hit = &p;
        });
    }
    return hit;
}

bool Cib::has_resource(const std::string& id) const {
    for (const auto& r : configuration.resources) {
        if (resource_id(r) == id)
            return true;
        if (const auto* c = std::get_if<Clone>(&r); c && c->child_id() == id)
            return true;
    }
    return find_primitive(id) != nullptr;
}

const ClusterNode* Cib::find_node(const std::string& uname) const {
    for (const auto& n : configuration.nodes)
        if (n.uname == uname)
            return &n;
    return nullptr;
}

const NodeState* Status::find(const std::string& uname_or_id) const {
    for (const auto& n : nodes)
        if (n.uname == uname_or_id)
            return &n;
    for (const auto& n : nodes)
        if (n.id == uname_or_id)
            return &n;
    return nullptr;
}

std::string property(const Cib& cib, const std::string& name) {
    // Pacemaker renamed a few options; either spelling counts.
    static const std::pair<const char*, const char*> aliases[] = {
        {"fencing-enabled", "stonith-enabled"},
        {"fencing-action", "stonith-action"},
        {"fencing-timeout", "stonith-timeout"},
    };
    if (auto v = lookup(cib.configuration.crm_config, name))
        return *v;
    for (const auto& [modern, legacy] : aliases) {
        if (name == modern) {
            if (auto v = lookup(cib.configuration.crm_config, legacy))
                return *v;
        } else if (name == legacy) {
            if (auto v = lookup(cib.configuration.crm_config, modern))
                return *v;
        }
    }
    return {};
}

}  // namespace crm::cib
