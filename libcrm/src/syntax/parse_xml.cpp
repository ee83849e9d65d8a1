// `xml <element .../>`: configuration elements the language has no words
// for, carried as XML and put back where they belong.
#include <map>
#include <set>

#include <fmt/format.h>

#include "crm/syntax/parser.h"

namespace crm::syntax::detail {

namespace {

// Where each element goes: the section under <configuration> that holds it
// ("" for the sections themselves, which go under <configuration>).
const std::map<std::string, std::string>& containers() {
    static const std::map<std::string, std::string> table = {
        {"primitive", "resources"},
        {"group", "resources"},
        {"clone", "resources"},
        {"master", "resources"},
        {"bundle", "resources"},
        {"template", "resources"},
        {"rsc_location", "constraints"},
        {"rsc_colocation", "constraints"},
        {"rsc_order", "constraints"},
        {"rsc_ticket", "constraints"},
        {"node", "nodes"},
        {"cluster_property_set", "crm_config"},
        {"tag", "tags"},
        {"fencing-level", "fencing-topology"},
        {"alert", "alerts"},
        {"acl_target", "acls"},
        {"acl_group", "acls"},
        {"acl_role", "acls"},
        {"acl_user", "acls"},
        {"tags", ""},
        {"fencing-topology", ""},
        {"alerts", ""},
        {"acls", ""},
    };
    return table;
}

void collect_ids(const xml::Node& n, std::set<std::string>& ids) {
    if (n.has_attr("id"))
        ids.insert(n.attr("id"));
    for (const auto& child : n.children)
        collect_ids(child, ids);
}

}  // namespace

bool xml_container(const std::string& element, std::string& container) {
    auto it = containers().find(element);
    if (it == containers().end())
        return false;
    container = it->second;
    return true;
}

void parse_xml(Cursor& c, Draft& d) {
    const Token& first = c.next("XML element");
    std::string text = first.raw;
    while (!c.done())
        text += " " + c.next("").raw;
    auto parsed = xml::parse(text);
    if (!parsed.ok())
        fail(first, "bad xml: " + parsed.error());
    std::string container;
    if (!xml_container(parsed->name, container))
        fail(first, fmt::format("xml: <{}> is not a configuration element this reader can place",
                                parsed->name));
    if (parsed->has_attr("id"))
        declare(d, first, parsed->attr("id"));
    collect_ids(*parsed, d.extra_ids);
    for (const auto& id : d.extra_ids)
        d.ids.reserve(id);
    d.extra.push_back(std::move(parsed).value());
}

}  // namespace crm::syntax::detail
