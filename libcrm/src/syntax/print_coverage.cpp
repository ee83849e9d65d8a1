// Before printing from the model, look at the XML for what the model does
// not hold (an attribute or child element it has no field for): printing
// would drop it silently, so the printer refuses and names it instead.
#include <map>
#include <set>

#include <fmt/format.h>

#include "crm/syntax/printer.h"

namespace crm::syntax::detail {

namespace {

struct Held {
    std::set<std::string> attributes;
    std::set<std::string> children;
};

// What crm::cib's typed model holds of each element it reads.
const std::map<std::string, Held>& held() {
    static const std::set<std::string> nvset_attrs = {"id", "id-ref", "score"};
    static const std::map<std::string, Held> table = {
        {"node", {{"id", "uname", "type", "description"}, {"instance_attributes", "utilization"}}},
        {"primitive",
         {{"id", "class", "provider", "type", "description", "template"},
          {"instance_attributes", "meta_attributes", "utilization", "operations"}}},
        {"operations", {{"id"}, {"op"}}},
        {"op",
         {{"id", "name", "interval", "timeout", "on-fail", "role", "enabled", "start-delay",
           "description"},
          {"instance_attributes", "meta_attributes"}}},
        {"group", {{"id", "description"}, {"primitive", "meta_attributes"}}},
        {"clone", {{"id", "description"}, {"primitive", "group", "meta_attributes"}}},
        {"master", {{"id", "description"}, {"primitive", "group", "meta_attributes"}}},
        {"instance_attributes", {nvset_attrs, {"nvpair", "rule"}}},
        {"meta_attributes", {nvset_attrs, {"nvpair", "rule"}}},
        {"utilization", {nvset_attrs, {"nvpair", "rule"}}},
        {"cluster_property_set", {nvset_attrs, {"nvpair", "rule"}}},
        {"nvpair", {{"id", "name", "value"}, {}}},
        {"rsc_location",
         {{"id", "rsc", "rsc-pattern", "role", "node", "score", "resource-discovery"},
          {"rule", "resource_set"}}},
        {"rsc_order",
         {{"id", "first", "then", "first-action", "then-action", "kind", "score", "symmetrical",
           "require-all"},
          {"resource_set"}}},
        {"rsc_colocation",
         {{"id", "rsc", "with-rsc", "score", "rsc-role", "with-rsc-role", "node-attribute",
           "influence"},
          {"resource_set"}}},
        {"resource_set",
         {{"id", "id-ref", "sequential", "require-all", "ordered", "action", "role", "kind",
           "score"},
          {"resource_ref"}}},
        {"resource_ref", {{"id"}, {}}},
        {"rule",
         {{"id", "id-ref", "score", "score-attribute", "boolean-op", "role"},
          {"expression", "rule", "date_expression", "rsc_expression", "op_expression"}}},
        {"expression", {{"id", "attribute", "operation", "value", "type", "value-source"}, {}}},
    };
    return table;
}

void check(const xml::Node& n, const std::string& owner) {
    auto it = held().find(n.name);
    if (it == held().end())
        return;  // kept whole (date expressions) or refused elsewhere
    std::string self = n.has_attr("id") ? fmt::format("<{} id=\"{}\">", n.name, n.attr("id"))
                                        : fmt::format("<{}> in {}", n.name, owner);
    for (const auto& [key, value] : n.attributes)
        if (!it->second.attributes.count(key))
            cannot_print(fmt::format("{}: attribute '{}' is not held by the model", self, key));
    for (const auto& c : n.children) {
        if (c.is_comment())
            continue;
        if (!it->second.children.count(c.name))
            cannot_print(fmt::format("{}: child <{}> is not held by the model", self, c.name));
        check(c, self);
    }
}

}  // namespace

void check_model_holds(const xml::Node& element) {
    check(element, "configuration");
}

}  // namespace crm::syntax::detail
