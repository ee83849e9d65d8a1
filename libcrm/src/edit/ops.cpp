#include "ops.h"

#include <algorithm>

#include "crm/common/duration.h"

namespace crm::edit::detail {

Result<xml::Node> make_op(const xml::Node& cib, const std::string& rsc, const OpSpec& op) {
    if (op.action.empty())
        return Error{"an 'op' of resource '" + rsc + "' names no action"};
    if (op.action.find('=') != std::string::npos)
        return Error{"op action '" + op.action + "' of resource '" + rsc +
                     "' looks like an option; write 'op ACTION k=v...', e.g. op monitor "
                     "interval=30s"};
    xml::Node el("op");
    std::string interval = op.action == "monitor" ? "60s" : "0s";
    for (const auto& [k, v] : op.attributes) {
        if (k == "interval")
            interval = v;
        if (k == "interval" || k == "timeout" || k == "start-delay") {
            if (!parse_duration_ms(v))
                return Error{k + " '" + v + "' of op " + op.action + " of resource '" + rsc +
                             "' is not a duration; write e.g. 30s, 2min, 500ms or PT30S"};
        }
        if (k == "id" || k == "name")
            return Error{"op " + op.action + " of resource '" + rsc + "' may not set '" + k +
                         "'; it is generated"};
    }
    el.set_attr("id", unique_id(cib, rsc + "-" + op.action + "-interval-" + interval));
    el.set_attr("name", op.action);
    el.set_attr("interval", interval);
    xml::Node inst("instance_attributes");
    for (const auto& [k, v] : op.attributes) {
        if (k == "interval")
            continue;
        if (k == "OCF_CHECK_LEVEL") {
            // Pacemaker reads the check level from the op's instance_attributes.
            inst.set_attr("id", el.attr("id") + "-instance_attributes");
            xml::Node pair("nvpair");
            pair.set_attr("id", inst.attr("id") + "-" + k);
            pair.set_attr("name", k);
            pair.set_attr("value", v);
            inst.add_child(std::move(pair));
            continue;
        }
        el.set_attr(k, v);
    }
    if (!inst.children.empty())
        el.add_child(std::move(inst));
    return el;
}

Status check_pairs(const NvList& pairs, const std::string& what, const std::string& rsc) {
    for (const auto& [k, v] : pairs) {
        (void)v;
        if (k.empty())
            return Error{what + " of '" + rsc + "' has an empty name; write NAME=VALUE"};
        if (k.find_first_of(" \t\n\"'<>&") != std::string::npos)
            return Error{what + " name '" + k + "' of '" + rsc +
                         "' contains a space, quote or markup character"};
    }
    return ok_status();
}

void apply_set(xml::Node& cib, xml::Node& rsc_element, const std::string& element,
               const NvList& pairs) {
    if (pairs.empty())
        return;
    std::string id = rsc_element.attr("id");
    xml::Node* set = rsc_element.first_child(element);
    if (!set) {
        xml::Node fresh(element);
        fresh.set_attr("id", unique_id(cib, id + "-" + element));
        // Keep Pacemaker's usual child order: instance_attributes, meta, operations.
        auto pos = rsc_element.children.begin();
        if (element == "meta_attributes")
            pos = std::find_if(rsc_element.children.begin(), rsc_element.children.end(),
                               [](const xml::Node& c) {
                                   return c.name == "operations" || is_resource_element(c.name);
                               });
        else
            pos = std::find_if(rsc_element.children.begin(), rsc_element.children.end(),
                               [](const xml::Node& c) { return !c.is_comment(); });
        set = &*rsc_element.children.insert(pos, std::move(fresh));
    }
    std::string set_id = set->attr("id");
    for (const auto& [k, v] : pairs) {
        // The nvpair id is derived from the set, so look it up by name before
        // generating one; unique_id needs the whole CIB, which `set` is part of.
        bool exists = false;
        for (auto& c : set->children)
            if (c.name == "nvpair" && c.attr("name") == k)
                exists = true;
        if (exists || v.empty()) {
            set_nvpair(*set, k, v, cib);
            continue;
        }
        std::string pid = unique_id(cib, set_id + "-" + k);
        xml::Node pair("nvpair");
        pair.set_attr("id", pid);
        pair.set_attr("name", k);
        pair.set_attr("value", v);
        set->add_child(std::move(pair));
    }
}

std::string meta_value(const xml::Node& rsc_element, const std::string& name) {
    for (const xml::Node* set : rsc_element.children_named("meta_attributes"))
        for (const xml::Node* p : set->children_named("nvpair"))
            if (p->attr("name") == name)
                return p->attr("value");
    return {};
}

namespace {

bool mentions(const xml::Node& n, const std::vector<std::string>& ids) {
    auto hit = [&](const std::string& v) {
        return !v.empty() && std::find(ids.begin(), ids.end(), v) != ids.end();
    };
    if (n.name == "resource_ref")
        return hit(n.attr("id"));
    for (const char* a : {"rsc", "with-rsc", "first", "then"})
        if (hit(n.attr(a)))
            return true;
    for (const auto& c : n.children)
        if (mentions(c, ids))
            return true;
    return false;
}

}  // namespace

int remove_constraints_for(xml::Node& cib, const std::vector<std::string>& ids) {
    xml::Node* conf = cib.first_child("configuration");
    xml::Node* cons = conf ? conf->first_child("constraints") : nullptr;
    if (!cons)
        return 0;
    auto& ch = cons->children;
    auto before = ch.size();
    ch.erase(
        std::remove_if(ch.begin(), ch.end(),
                       [&](const xml::Node& c) { return !c.is_comment() && mentions(c, ids); }),
        ch.end());
    return static_cast<int>(before - ch.size());
}

}  // namespace crm::edit::detail
