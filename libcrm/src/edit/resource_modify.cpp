// pcs resource delete / update / enable / disable / meta.
#include <algorithm>

#include "crm/edit/resource_edit.h"
#include "ops.h"

namespace crm::edit {

namespace {

void collect_subtree_ids(const xml::Node& n, std::vector<std::string>& out) {
    if (is_resource_element(n.name))
        out.push_back(n.attr("id"));
    for (const auto& c : n.children)
        collect_subtree_ids(c, out);
}

bool has_resource_child(const xml::Node& n) {
    return std::any_of(n.children.begin(), n.children.end(),
                       [](const xml::Node& c) { return is_resource_element(c.name); });
}

}  // namespace

Result<xml::Node> delete_resource(const xml::Node& cib_in, const std::string& id) {
    xml::Node cib = cib_in;
    if (!find_resource(cib, id))
        return not_found("resource", id, resource_ids(cib));
    std::vector<std::string> removed;
    // Remove the element, then any container it leaves empty (a group or
    // clone without members is not valid), walking upwards.
    std::string target = id;
    for (;;) {
        xml::Node* parent = nullptr;
        xml::Node* el = find_resource(cib, target, &parent);
        if (!el || !parent)
            break;
        collect_subtree_ids(*el, removed);
        auto& ch = parent->children;
        ch.erase(std::find_if(ch.begin(), ch.end(), [&](const xml::Node& c) {
            return is_resource_element(c.name) && c.attr("id") == target;
        }));
        if (parent->name == "resources" || has_resource_child(*parent))
            break;
        target = parent->attr("id");
    }
    detail::remove_constraints_for(cib, removed);
    return cib;
}

Result<xml::Node> update_resource(const xml::Node& cib_in, const std::string& id,
                                  const NvList& params, const NvList& meta,
                                  const std::vector<OpSpec>& ops) {
    xml::Node cib = cib_in;
    xml::Node* el = find_resource(cib, id);
    if (!el)
        return not_found("resource", id, resource_ids(cib));
    if (el->name != "primitive" && (!params.empty() || !ops.empty()))
        return Error{"'" + id + "' is a " + el->name +
                     "; only primitives take parameters and ops (update its members instead)"};
    if (auto s = detail::check_pairs(params, "parameter", id); !s)
        return Error{s.error()};
    if (auto s = detail::check_pairs(meta, "meta attribute", id); !s)
        return Error{s.error()};
    detail::apply_set(cib, *find_resource(cib, id), "instance_attributes", params);
    detail::apply_set(cib, *find_resource(cib, id), "meta_attributes", meta);
    for (const auto& op : ops) {
        // pcs semantics: "op ACTION ..." replaces every op of that action.
        xml::Node* prim = find_resource(cib, id);
        xml::Node& operations = prim->ensure_child("operations");
        auto& ch = operations.children;
        ch.erase(std::remove_if(ch.begin(), ch.end(),
                                [&](const xml::Node& c) {
                                    return c.name == "op" && c.attr("name") == op.action;
                                }),
                 ch.end());
        auto made = detail::make_op(cib, id, op);
        if (!made)
            return Error{made.error()};
        find_resource(cib, id)->ensure_child("operations").add_child(std::move(*made));
    }
    return cib;
}

Result<xml::Node> set_meta(const xml::Node& cib_in, const std::string& id, const std::string& name,
                           const std::string& value) {
    xml::Node cib = cib_in;
    xml::Node* el = find_resource(cib, id);
    if (!el)
        return not_found("resource", id, resource_ids(cib));
    if (value.empty()) {
        // Remove from every meta set of the element, as crm_resource does.
        for (auto& c : el->children)
            if (c.name == "meta_attributes")
                set_nvpair(c, name, "", cib);
        return cib;
    }
    detail::apply_set(cib, *el, "meta_attributes", {{name, value}});
    return cib;
}

Result<xml::Node> set_enabled(const xml::Node& cib, const std::string& id, bool enabled) {
    return set_meta(cib, id, "target-role", enabled ? "" : "Stopped");
}

}  // namespace crm::edit
