#include "crm/cib/resources.h"

#include "crm/common/strings.h"

namespace crm::cib {

std::string Primitive::agent() const {
    if (provider.empty())
        return cls + ":" + type;
    return cls + ":" + provider + ":" + type;
}

bool Clone::promotable() const {
    if (legacy_master)
        return true;
    auto v = lookup(meta_attributes, "promotable");
    return v && parse_bool(*v).value_or(false);
}

const std::string& Clone::child_id() const {
    if (const auto* p = std::get_if<Primitive>(&child))
        return p->id;
    return std::get<Group>(child).id;
}

const std::string& resource_id(const Resource& r) {
    return std::visit([](const auto& x) -> const std::string& { return x.id; }, r);
}

const std::vector<NvSet>& resource_meta(const Resource& r) {
    return std::visit([](const auto& x) -> const std::vector<NvSet>& { return x.meta_attributes; },
                      r);
}

}  // namespace crm::cib
