// pcs resource create / stonith create.
#include <algorithm>

#include "crm/edit/resource_edit.h"
#include "ops.h"

namespace crm::edit {

namespace {

std::string element_kind(const xml::Node& n) {
    return n.name == "master" ? "clone" : n.name;
}

Status check_new_id(const xml::Node& cib, const std::string& id, const std::string& what) {
    if (auto s = check_id(id, what); !s)
        return s;
    if (const xml::Node* used = find_config_id(cib, id))
        return Error{"id '" + id + "' is already used by a " + element_kind(*used) +
                     "; choose another id" +
                     (is_resource_element(used->name)
                          ? " or change it with 'vigil resource update " + id + "'"
                          : std::string())};
    return ok_status();
}

}  // namespace

Result<xml::Node> create_primitive(const xml::Node& cib_in, const PrimitiveSpec& spec) {
    xml::Node cib = cib_in;
    if (auto s = check_new_id(cib, spec.id, "resource"); !s)
        return Error{s.error()};
    auto agent = parse_agent(spec.agent);
    if (!agent)
        return Error{agent.error()};
    if (!spec.group.empty() && spec.clone)
        return Error{
            "--group and --clone together: clone the group instead (create into the "
            "group, then 'vigil resource clone " +
            spec.group + "')"};
    if ((!spec.before.empty() || !spec.after.empty()) && spec.group.empty())
        return Error{"--before/--after place a resource inside a group; add --group G"};
    if (!spec.before.empty() && !spec.after.empty())
        return Error{"give either --before or --after, not both"};
    if (auto s = detail::check_pairs(spec.params, "parameter", spec.id); !s)
        return Error{s.error()};
    if (auto s = detail::check_pairs(spec.meta, "meta attribute", spec.id); !s)
        return Error{s.error()};

    xml::Node prim("primitive");
    prim.set_attr("id", spec.id);
    prim.set_attr("class", agent->cls);
    if (!agent->provider.empty())
        prim.set_attr("provider", agent->provider);
    prim.set_attr("type", agent->type);

    // The nvpairs and ops get ids derived from the resource id; build the
    // primitive inside the CIB copy so unique_id sees them as they appear.
    xml::Node& resources = section(cib, "resources");
    resources.add_child(std::move(prim));
    std::size_t index = resources.children.size() - 1;
    auto self = [&]() -> xml::Node& { return section(cib, "resources").children[index]; };

    // pcs writes parameters sorted by name (the seed's IPaddr2 resources were
    // typed ip, cidr_netmask, nic and stored cidr_netmask, ip, nic).
    NvList params = spec.params;
    std::stable_sort(params.begin(), params.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    detail::apply_set(cib, self(), "instance_attributes", params);
    NvList meta = spec.meta;
    if (spec.disabled)
        meta.emplace_back("target-role", "Stopped");
    detail::apply_set(cib, self(), "meta_attributes", meta);

    std::vector<OpSpec> ops = spec.ops;
    for (const auto& d : spec.default_ops) {
        bool given = std::any_of(spec.ops.begin(), spec.ops.end(),
                                 [&](const OpSpec& o) { return o.action == d.action; });
        if (!given)
            ops.push_back(d);
    }
    if (!ops.empty()) {
        xml::Node operations("operations");
        for (const auto& op : ops) {
            auto el = detail::make_op(cib, spec.id, op);
            if (!el)
                return Error{el.error()};
            // Ids of ops added in this same call must not collide either.
            std::string id = el->attr("id");
            for (int i = 1; operations.find_by_id(id); ++i)
                id = el->attr("id") + "-" + std::to_string(i);
            el->set_attr("id", id);
            operations.add_child(std::move(*el));
        }
        self().add_child(std::move(operations));
    }

    xml::Node built = self();
    resources.children.erase(resources.children.begin() + static_cast<long>(index));

    if (spec.clone) {
        xml::Node clone("clone");
        clone.set_attr("id", unique_id(cib, spec.id + "-clone"));
        clone.add_child(std::move(built));
        xml::Node& placed = section(cib, "resources").add_child(std::move(clone));
        detail::apply_set(cib, placed, "meta_attributes", spec.clone_meta);
        // apply_set puts meta before child resources, as Pacemaker writes it.
        return cib;
    }
    section(cib, "resources").add_child(std::move(built));
    if (spec.group.empty())
        return cib;
    return group_add(cib, spec.group, {spec.id}, spec.before, spec.after);
}

}  // namespace crm::edit
