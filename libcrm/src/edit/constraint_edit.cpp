// pcs constraint location / order / colocation / delete, and the
// cli-prefer / cli-ban constraints of resource move / ban / clear.
#include "crm/edit/constraint_edit.h"

#include <algorithm>

#include "crm/common/score.h"
#include "crm/common/strings.h"
#include "ops.h"

namespace crm::edit {

namespace {

Status need_resource(const xml::Node& cib, const std::string& rsc) {
    if (rsc.empty())
        return Error{"no resource named; give a resource id"};
    if (!find_resource(cib, rsc))
        return not_found("resource", rsc, resource_ids(cib));
    return ok_status();
}

std::vector<std::string> node_names(const xml::Node& cib) {
    std::vector<std::string> out;
    if (const xml::Node* nodes = find_section(cib, "nodes"))
        for (const xml::Node* n : nodes->children_named("node"))
            out.push_back(n->attr("uname"));
    return out;
}

// Nodes must be known when the CIB lists any (a typo would silently never
// match); an empty node list means the cluster has not started yet.
Status need_node(const xml::Node& cib, const std::string& node) {
    if (node.empty())
        return Error{"no node named; give a node name"};
    auto names = node_names(cib);
    if (names.empty() || std::find(names.begin(), names.end(), node) != names.end())
        return ok_status();
    return not_found("node", node, names);
}

Result<std::string> check_score(const std::string& text) {
    auto s = Score::parse(text);
    if (!s)
        return Error{"score '" + text +
                     "' is not a number or INFINITY; write e.g. 50, -100, INFINITY or -INFINITY"};
    return text;
}

Result<std::string> check_role(const std::string& role) {
    if (role.empty())
        return role;
    static const char* const kRoles[] = {"Started",    "Stopped", "Promoted",
                                         "Unpromoted", "Master",  "Slave"};
    for (const char* r : kRoles)
        if (iequals(role, r))
            return std::string(r);
    return Error{"role '" + role + "' is not one of Started, Stopped, Promoted, Unpromoted"};
}

xml::Node& constraints(xml::Node& cib) {
    return section(cib, "constraints");
}

std::vector<std::string> constraint_ids(const xml::Node& cib) {
    std::vector<std::string> out;
    if (const xml::Node* c = find_section(cib, "constraints"))
        for (const auto& n : c->children)
            if (!n.is_comment())
                out.push_back(n.attr("id"));
    return out;
}

Status check_new_constraint_id(const xml::Node& cib, const std::string& id) {
    if (auto s = check_id(id, "constraint"); !s)
        return s;
    if (find_config_id(cib, id))
        return Error{"id '" + id + "' is already used; choose another constraint id"};
    return ok_status();
}

}  // namespace

Result<xml::Node> location_add(const xml::Node& cib_in, const std::string& id,
                               const std::string& rsc, const std::string& node,
                               const std::string& score) {
    xml::Node cib = cib_in;
    if (auto s = need_resource(cib, rsc); !s)
        return Error{s.error()};
    if (auto s = need_node(cib, node); !s)
        return Error{s.error()};
    auto sc = check_score(score);
    if (!sc)
        return Error{sc.error()};
    if (auto s = check_new_constraint_id(cib, id); !s)
        return Error{s.error()};
    xml::Node loc("rsc_location");
    loc.set_attr("id", id);
    loc.set_attr("rsc", rsc);
    loc.set_attr("node", node);
    loc.set_attr("score", *sc);
    constraints(cib).add_child(std::move(loc));
    return cib;
}

Result<xml::Node> location_prefers(const xml::Node& cib_in, const std::string& rsc,
                                   const std::vector<NodeScore>& nodes, bool avoids) {
    xml::Node cib = cib_in;
    if (nodes.empty())
        return Error{std::string("'") + (avoids ? "avoids" : "prefers") +
                     "' names no node; write NODE or NODE=SCORE"};
    for (const auto& ns : nodes) {
        std::string score = ns.score.empty() ? "INFINITY" : ns.score;
        auto sc = check_score(score);
        if (!sc)
            return Error{sc.error()};
        if (avoids) {
            // "avoids N=50" means a score of -50.
            score = score[0] == '-' ? score.substr(1)
                                    : "-" + (score[0] == '+' ? score.substr(1) : score);
        }
        // A second preference for the same node replaces the first, as pcs does.
        auto& ch = constraints(cib).children;
        ch.erase(std::remove_if(ch.begin(), ch.end(),
                                [&](const xml::Node& c) {
                                    return c.name == "rsc_location" && c.attr("rsc") == rsc &&
                                           c.attr("node") == ns.node &&
                                           c.attr("id").rfind("location-", 0) == 0;
                                }),
                 ch.end());
        std::string id = unique_id(cib, "location-" + rsc + "-" + ns.node + "-" + score);
        auto next = location_add(cib, id, rsc, ns.node, score);
        if (!next)
            return next;
        cib = std::move(*next);
    }
    return cib;
}

Result<xml::Node> order_add(const xml::Node& cib_in, const OrderSpec& spec) {
    xml::Node cib = cib_in;
    if (auto s = need_resource(cib, spec.first); !s)
        return Error{s.error()};
    if (auto s = need_resource(cib, spec.then); !s)
        return Error{s.error()};
    if (spec.first == spec.then)
        return Error{"'" + spec.first + "' cannot be ordered after itself"};
    auto action = [](const std::string& a) -> Result<std::string> {
        std::string v = a.empty() ? "start" : to_lower(a);
        if (v == "start" || v == "stop" || v == "promote" || v == "demote")
            return v;
        return Error{"action '" + a + "' is not one of start, stop, promote, demote"};
    };
    auto fa = action(spec.first_action);
    if (!fa)
        return Error{fa.error()};
    auto ta = action(spec.then_action);
    if (!ta)
        return Error{ta.error()};
    std::string kind;
    if (!spec.kind.empty()) {
        for (const char* k : {"Mandatory", "Optional", "Serialize"})
            if (iequals(spec.kind, k))
                kind = k;
        if (kind.empty())
            return Error{"kind '" + spec.kind + "' is not one of Mandatory, Optional, Serialize"};
    }
    for (const auto& [name, value] :
         {std::pair{"symmetrical", spec.symmetrical}, std::pair{"require-all", spec.require_all}})
        if (!value.empty() && !parse_bool(value))
            return Error{std::string(name) + " '" + value + "' is not true or false"};
    std::string id = spec.id.empty() ? unique_id(cib, "order-" + spec.first + "-" + spec.then +
                                                          "-" + (kind.empty() ? "mandatory" : kind))
                                     : spec.id;
    if (auto s = check_new_constraint_id(cib, id); !s)
        return Error{s.error()};
    xml::Node o("rsc_order");
    o.set_attr("id", id);
    o.set_attr("first", spec.first);
    o.set_attr("first-action", *fa);
    o.set_attr("then", spec.then);
    o.set_attr("then-action", *ta);
    if (!kind.empty())
        o.set_attr("kind", kind);
    if (!spec.symmetrical.empty())
        o.set_attr("symmetrical", *parse_bool(spec.symmetrical) ? "true" : "false");
    if (!spec.require_all.empty())
        o.set_attr("require-all", *parse_bool(spec.require_all) ? "true" : "false");
    constraints(cib).add_child(std::move(o));
    return cib;
}

Result<xml::Node> colocation_add(const xml::Node& cib_in, const ColocationSpec& spec) {
    xml::Node cib = cib_in;
    if (auto s = need_resource(cib, spec.rsc); !s)
        return Error{s.error()};
    if (auto s = need_resource(cib, spec.with_rsc); !s)
        return Error{s.error()};
    if (spec.rsc == spec.with_rsc)
        return Error{"'" + spec.rsc + "' cannot be colocated with itself"};
    std::string score = spec.score.empty() ? "INFINITY" : spec.score;
    auto sc = check_score(score);
    if (!sc)
        return Error{sc.error()};
    auto role = check_role(spec.rsc_role);
    if (!role)
        return Error{role.error()};
    auto with_role = check_role(spec.with_rsc_role);
    if (!with_role)
        return Error{with_role.error()};
    std::string id =
        spec.id.empty()
            ? unique_id(cib, "colocation-" + spec.rsc + "-" + spec.with_rsc + "-" + score)
            : spec.id;
    if (auto s = check_new_constraint_id(cib, id); !s)
        return Error{s.error()};
    xml::Node c("rsc_colocation");
    c.set_attr("id", id);
    c.set_attr("rsc", spec.rsc);
    if (!role->empty())
        c.set_attr("rsc-role", *role);
    c.set_attr("with-rsc", spec.with_rsc);
    if (!with_role->empty())
        c.set_attr("with-rsc-role", *with_role);
    c.set_attr("score", score);
    constraints(cib).add_child(std::move(c));
    return cib;
}

Result<xml::Node> constraint_delete(const xml::Node& cib_in, const std::string& id) {
    xml::Node cib = cib_in;
    auto& ch = constraints(cib).children;
    auto it = std::find_if(ch.begin(), ch.end(), [&](const xml::Node& c) {
        return !c.is_comment() && c.attr("id") == id;
    });
    if (it == ch.end())
        return not_found("constraint", id, constraint_ids(cib_in));
    ch.erase(it);
    return cib;
}

namespace {

xml::Node cli_location(const std::string& id, const std::string& rsc, const std::string& node,
                       const std::string& score) {
    xml::Node loc("rsc_location");
    loc.set_attr("id", id);
    loc.set_attr("rsc", rsc);
    loc.set_attr("role", "Started");
    loc.set_attr("node", node);
    loc.set_attr("score", score);
    return loc;
}

}  // namespace

Result<xml::Node> move(const xml::Node& cib_in, const std::string& rsc, const std::string& node) {
    xml::Node cib = cib_in;
    if (auto s = need_resource(cib, rsc); !s)
        return Error{s.error()};
    if (auto s = need_node(cib, node); !s)
        return Error{s.error()};
    std::string id = "cli-prefer-" + rsc;
    auto& ch = constraints(cib).children;
    ch.erase(std::remove_if(ch.begin(), ch.end(),
                            [&](const xml::Node& c) { return c.attr("id") == id; }),
             ch.end());
    // A ban on the destination would make the move impossible; drop it as
    // crm_resource --move does.
    std::string ban_id = "cli-ban-" + rsc + "-on-" + node;
    ch.erase(std::remove_if(ch.begin(), ch.end(),
                            [&](const xml::Node& c) { return c.attr("id") == ban_id; }),
             ch.end());
    if (find_config_id(cib, id))
        return Error{"id '" + id + "' is used by something other than a constraint; rename it"};
    ch.push_back(cli_location(id, rsc, node, "INFINITY"));
    return cib;
}

Result<xml::Node> ban(const xml::Node& cib_in, const std::string& rsc, const std::string& node) {
    xml::Node cib = cib_in;
    if (auto s = need_resource(cib, rsc); !s)
        return Error{s.error()};
    if (auto s = need_node(cib, node); !s)
        return Error{s.error()};
    std::string id = sanitize_id("cli-ban-" + rsc + "-on-" + node);
    auto& ch = constraints(cib).children;
    ch.erase(std::remove_if(ch.begin(), ch.end(),
                            [&](const xml::Node& c) { return c.attr("id") == id; }),
             ch.end());
    if (find_config_id(cib, id))
        return Error{"id '" + id + "' is used by something other than a constraint; rename it"};
    ch.push_back(cli_location(id, rsc, node, "-INFINITY"));
    return cib;
}

Result<xml::Node> clear(const xml::Node& cib_in, const std::string& rsc, const std::string& node,
                        int* removed) {
    xml::Node cib = cib_in;
    if (auto s = need_resource(cib, rsc); !s)
        return Error{s.error()};
    auto& ch = constraints(cib).children;
    std::string prefer = "cli-prefer-" + rsc;
    std::string ban_prefix = "cli-ban-" + rsc + "-on-";
    auto before = ch.size();
    ch.erase(std::remove_if(ch.begin(), ch.end(),
                            [&](const xml::Node& c) {
                                if (c.name != "rsc_location")
                                    return false;
                                std::string id = c.attr("id");
                                bool ours = id == prefer || id.rfind(ban_prefix, 0) == 0;
                                return ours && (node.empty() || c.attr("node") == node);
                            }),
             ch.end());
    if (removed)
        *removed = static_cast<int>(before - ch.size());
    return cib;
}

}  // namespace crm::edit
