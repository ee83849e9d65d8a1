// <constraints>: location, order and colocation, with rules and resource sets.
#include <fmt/format.h>

#include "unpack_util.h"

namespace crm::cib::detail {
namespace {

ResourceSet unpack_set(const xml::Node& n) {
    ResourceSet s;
    s.id = n.attr("id");
    s.id_ref = n.attr("id-ref");
    for (const xml::Node* ref : n.children_named("resource_ref"))
        s.resources.push_back(ref->attr("id"));
    s.sequential = parse_optional_bool(n, "sequential");
    s.require_all = parse_optional_bool(n, "require-all");
    s.ordered = parse_optional_bool(n, "ordered");
    s.action = n.attr("action");
    s.role = n.attr("role");
    s.kind = n.attr("kind");
    s.score = n.attr("score");
    return s;
}

std::vector<ResourceSet> unpack_sets(const xml::Node& n) {
    std::vector<ResourceSet> out;
    for (const xml::Node* s : n.children_named("resource_set"))
        out.push_back(unpack_set(*s));
    return out;
}

Result<LocationConstraint> unpack_location(const xml::Node& n) {
    LocationConstraint c;
    c.id = n.attr("id");
    c.rsc = n.attr("rsc");
    c.rsc_pattern = n.attr("rsc-pattern");
    c.role = n.attr("role");
    c.node = n.attr("node");
    c.score = n.attr("score");
    if (!c.score.empty())
        c.score_value = Score::parse(c.score);
    c.resource_discovery = n.attr("resource-discovery");
    for (const xml::Node* r : n.children_named("rule")) {
        auto rule = unpack_rule(*r);
        if (!rule)
            return Error{fmt::format("{}: {}", describe(n), rule.error())};
        c.rules.push_back(std::move(*rule));
    }
    c.sets = unpack_sets(n);
    return c;
}

OrderConstraint unpack_order(const xml::Node& n) {
    OrderConstraint c;
    c.id = n.attr("id");
    c.first = n.attr("first");
    c.then = n.attr("then");
    c.first_action = n.attr("first-action");
    c.then_action = n.attr("then-action");
    c.kind = n.attr("kind");
    c.score = n.attr("score");
    c.symmetrical = parse_optional_bool(n, "symmetrical");
    c.require_all = parse_optional_bool(n, "require-all");
    c.sets = unpack_sets(n);
    return c;
}

ColocationConstraint unpack_colocation(const xml::Node& n) {
    ColocationConstraint c;
    c.id = n.attr("id");
    c.rsc = n.attr("rsc");
    c.with_rsc = n.attr("with-rsc");
    c.score = n.attr("score");
    if (!c.score.empty())
        c.score_value = Score::parse(c.score);
    c.rsc_role = n.attr("rsc-role");
    c.with_rsc_role = n.attr("with-rsc-role");
    c.node_attribute = n.attr("node-attribute");
    c.influence = parse_optional_bool(n, "influence");
    c.sets = unpack_sets(n);
    return c;
}

}  // namespace

crm::Status unpack_constraints(const xml::Node& constraints, Configuration& out) {
    for (const auto& c : constraints.children) {
        if (c.is_comment())
            continue;
        if (c.name == "rsc_location") {
            auto l = unpack_location(c);
            if (!l)
                return crm::Error{l.error()};
            out.locations.push_back(std::move(*l));
        } else if (c.name == "rsc_order") {
            out.orders.push_back(unpack_order(c));
        } else if (c.name == "rsc_colocation") {
            out.colocations.push_back(unpack_colocation(c));
        } else {
            out.unsupported.push_back(fmt::format("{} {}", c.name, c.attr("id")));
        }
    }
    return ok_status();
}

}  // namespace crm::cib::detail
