// pcs resource group add / remove, and resource clone.
#include <algorithm>

#include "crm/edit/resource_edit.h"
#include "ops.h"

namespace crm::edit {

namespace {

// Takes a primitive out of wherever it is (resources or a group), dropping a
// group it leaves empty. Returns the element.
xml::Node detach(xml::Node& cib, const std::string& id, const std::string& keep_group = "") {
    xml::Node* parent = nullptr;
    find_resource(cib, id, &parent);
    auto& ch = parent->children;
    auto it = std::find_if(ch.begin(), ch.end(), [&](const xml::Node& c) {
        return c.name == "primitive" && c.attr("id") == id;
    });
    xml::Node el = std::move(*it);
    ch.erase(it);
    if (parent->name == "group" && parent->attr("id") != keep_group &&
        std::none_of(ch.begin(), ch.end(),
                     [](const xml::Node& c) { return c.name == "primitive"; })) {
        std::string gid = parent->attr("id");
        xml::Node& resources = section(cib, "resources");
        auto& rch = resources.children;
        rch.erase(std::remove_if(
                      rch.begin(), rch.end(),
                      [&](const xml::Node& c) { return c.name == "group" && c.attr("id") == gid; }),
                  rch.end());
        detail::remove_constraints_for(cib, {gid});
    }
    return el;
}

std::vector<std::string> members_of(const xml::Node& group) {
    std::vector<std::string> out;
    for (const xml::Node* p : group.children_named("primitive"))
        out.push_back(p->attr("id"));
    return out;
}

}  // namespace

Result<xml::Node> group_add(const xml::Node& cib_in, const std::string& group,
                            const std::vector<std::string>& members, const std::string& before,
                            const std::string& after) {
    xml::Node cib = cib_in;
    if (members.empty())
        return Error{"'group add " + group + "' names no resources to add"};
    if (!before.empty() && !after.empty())
        return Error{"give either --before or --after, not both"};
    const xml::Node* existing = find_resource(cib, group);
    if (existing && existing->name != "group")
        return Error{"'" + group + "' is a " + existing->name +
                     ", not a group; choose another "
                     "group name"};
    if (!existing) {
        if (auto s = check_id(group, "group"); !s)
            return Error{s.error()};
        if (find_config_id(cib, group))
            return Error{"id '" + group + "' is already used; choose another group name"};
    }
    for (std::size_t i = 0; i < members.size(); ++i) {
        const std::string& m = members[i];
        if (m == group)
            return Error{"a group cannot contain itself ('" + m + "')"};
        if (std::find(members.begin(), members.begin() + static_cast<long>(i), m) !=
            members.begin() + static_cast<long>(i))
            return Error{"'" + m + "' is named twice"};
        xml::Node* parent = nullptr;
        const xml::Node* el = find_resource(cib, m, &parent);
        if (!el)
            return not_found("resource", m, resource_ids(cib));
        if (el->name != "primitive")
            return Error{"'" + m + "' is a " + el->name + "; only primitives can join a group"};
        if (parent->name == "clone" || parent->name == "master")
            return Error{"'" + m + "' is cloned by '" + parent->attr("id") +
                         "'; a cloned resource cannot join a group (clone the group instead)"};
    }
    std::string anchor = before.empty() ? after : before;
    if (!anchor.empty()) {
        if (!existing || std::find(members.begin(), members.end(), anchor) != members.end() || [&] {
                auto ms = members_of(*existing);
                return std::find(ms.begin(), ms.end(), anchor) == ms.end();
            }())
            return not_found("member of group '" + group + "' called", anchor,
                             existing ? members_of(*existing) : std::vector<std::string>{});
    }

    std::vector<xml::Node> moving;
    for (const auto& m : members)
        moving.push_back(detach(cib, m, group));
    xml::Node* g = find_resource(cib, group);
    if (!g) {
        xml::Node fresh("group");
        fresh.set_attr("id", group);
        g = &section(cib, "resources").add_child(std::move(fresh));
    }
    auto& ch = g->children;
    auto pos = ch.end();
    if (!anchor.empty()) {
        pos = std::find_if(ch.begin(), ch.end(), [&](const xml::Node& c) {
            return c.name == "primitive" && c.attr("id") == anchor;
        });
        if (!after.empty())
            ++pos;
    }
    ch.insert(pos, std::make_move_iterator(moving.begin()), std::make_move_iterator(moving.end()));
    return cib;
}

Result<xml::Node> group_remove(const xml::Node& cib_in, const std::string& group,
                               const std::vector<std::string>& members) {
    xml::Node cib = cib_in;
    const xml::Node* g = find_resource(cib, group);
    if (!g || g->name != "group") {
        std::vector<std::string> groups;
        for (const auto& id : resource_ids(cib))
            if (find_resource(cib, id)->name == "group")
                groups.push_back(id);
        return not_found("group", group, groups);
    }
    std::vector<std::string> current = members_of(*g);
    std::vector<std::string> leaving = members.empty() ? current : members;
    for (const auto& m : leaving)
        if (std::find(current.begin(), current.end(), m) == current.end())
            return not_found("member of group '" + group + "' called", m, current);
    // Members that leave land right after the group, keeping their order.
    std::vector<xml::Node> out;
    for (const auto& m : leaving)
        out.push_back(detach(cib, m));
    xml::Node& resources = section(cib, "resources");
    auto& ch = resources.children;
    auto pos = std::find_if(ch.begin(), ch.end(), [&](const xml::Node& c) {
        return c.name == "group" && c.attr("id") == group;
    });
    if (pos != ch.end())
        ++pos;
    ch.insert(pos, std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()));
    return cib;
}

Result<xml::Node> clone_resource(const xml::Node& cib_in, const std::string& id,
                                 const std::string& clone_id, const NvList& meta) {
    xml::Node cib = cib_in;
    xml::Node* parent = nullptr;
    xml::Node* el = find_resource(cib, id, &parent);
    if (!el)
        return not_found("resource", id, resource_ids(cib));
    if (el->name != "primitive" && el->name != "group")
        return Error{"'" + id + "' is a " + el->name +
                     "; only primitives and groups can be cloned"};
    if (parent->name != "resources")
        return Error{"'" + id + "' is inside " + parent->name + " '" + parent->attr("id") +
                     "'; clone the " + parent->name + " instead"};
    std::string cid = clone_id.empty() ? id + "-clone" : clone_id;
    if (auto s = check_id(cid, "clone"); !s)
        return Error{s.error()};
    if (find_config_id(cib, cid))
        return Error{"id '" + cid + "' is already used; give the clone another id"};
    if (auto s = detail::check_pairs(meta, "clone meta attribute", cid); !s)
        return Error{s.error()};
    auto& ch = parent->children;
    auto it = std::find_if(ch.begin(), ch.end(), [&](const xml::Node& c) {
        return is_resource_element(c.name) && c.attr("id") == id;
    });
    xml::Node clone("clone");
    clone.set_attr("id", cid);
    clone.add_child(std::move(*it));
    *it = std::move(clone);
    detail::apply_set(cib, *find_resource(cib, cid), "meta_attributes", meta);
    return cib;
}

}  // namespace crm::edit
