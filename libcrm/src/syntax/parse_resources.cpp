// node, primitive, group, clone/ms, property/rsc_defaults/op_defaults.
#include <set>

#include <fmt/format.h>

#include "crm/syntax/parser.h"

namespace crm::syntax::detail {

namespace {

// Attributes of <op> itself; any other name=value on an op line is an
// instance attribute of the operation (OCF_CHECK_LEVEL), as crmsh reads it.
const std::set<std::string> kOpAttributes = {
    "id",   "name",    "description", "interval",        "timeout",  "on-fail",
    "role", "enabled", "start-delay", "interval-origin", "requires", "record-pending",
};

const std::set<std::string> kAgentClasses = {"ocf",     "stonith", "lsb",   "systemd",
                                             "service", "upstart", "nagios"};

void take_description(Cursor& c, xml::Node& n) {
    while (!c.done() && c.peek().is_assignment() && c.peek().name() == "description")
        n.set_attr("description", c.next("description").value());
}

void set_agent(xml::Node& prim, const Token& t) {
    if (t.is_assignment())
        fail(t, fmt::format("missing resource agent before '{}'", t.text));
    const std::string& a = t.text;
    auto first = a.find(':');
    if (first == std::string::npos) {
        // crmsh's shorthand: a bare type is an OCF agent of the heartbeat provider.
        if (a.empty())
            fail(t, "missing resource agent");
        prim.set_attr("class", "ocf");
        prim.set_attr("provider", "heartbeat");
        prim.set_attr("type", a);
        return;
    }
    std::string cls = a.substr(0, first);
    std::string rest = a.substr(first + 1);
    if (!kAgentClasses.count(cls))
        fail(t, fmt::format("unknown agent class '{}' in '{}'{}", cls, a,
                            suggestion(cls, {"ocf", "stonith", "lsb", "systemd", "service"})));
    prim.set_attr("class", cls);
    if (cls == "ocf") {
        auto second = rest.find(':');
        if (second == std::string::npos || second == 0 || second + 1 >= rest.size())
            fail(t, fmt::format("OCF agent '{}' needs the form ocf:PROVIDER:TYPE", a));
        prim.set_attr("provider", rest.substr(0, second));
        prim.set_attr("type", rest.substr(second + 1));
    } else {
        if (rest.empty())
            fail(t, fmt::format("missing agent type in '{}'", a));
        prim.set_attr("type", rest);
    }
}

void parse_op(Cursor& c, Draft& d, xml::Node& operations, const std::string& rsc) {
    const Token& name = c.next("operation name after 'op'");
    if (name.is_assignment() || name.quoted)
        fail(name, fmt::format("missing operation name after 'op' (found '{}')", name.text));
    std::vector<const Token*> attrs, params, metas;
    std::vector<const Token*>* into = nullptr;  // after op_params/op_meta
    while (!c.done()) {
        const Token& t = c.peek();
        if (t.is("op_params") || t.is("op_meta")) {
            c.next("");
            into = t.is("op_params") ? &params : &metas;
            continue;
        }
        if (!t.is_assignment())
            break;
        c.next("");
        if (into) {
            into->push_back(&t);
        } else if (kOpAttributes.count(t.name()) || t.name() == "$id") {
            attrs.push_back(&t);
        } else {
            params.push_back(&t);
        }
    }
    xml::Node op("op");
    op.set_attr("name", name.text);
    std::string id, interval;
    for (const Token* t : attrs) {
        std::string key = t->name();
        if (key == "id" || key == "$id") {
            id = t->value();
            declare(d, *t, id);
            continue;
        }
        if (key == "name")
            fail(*t, "the operation's name comes right after 'op'");
        if (key == "interval")
            interval = t->value();
        op.set_attr(key, t->value());
    }
    if (interval.empty()) {
        interval = "0";  // Pacemaker requires an interval; crmsh fills in 0
        op.set_attr("interval", interval);
    }
    if (id.empty())
        id = d.ids.make(fmt::format("{}-{}-{}", rsc, name.text, interval));
    op.set_attr("id", id);
    auto add_set = [&](const std::vector<const Token*>& tokens, const char* element) {
        if (tokens.empty())
            return;
        xml::Node set(element);
        set.set_attr("id", d.ids.make(id + "-" + element));
        for (const Token* t : tokens)
            add_nvpair(set, d, *t);
        op.add_child(std::move(set));
    };
    add_set(params, "instance_attributes");
    add_set(metas, "meta_attributes");
    operations.add_child(std::move(op));
}

[[noreturn]] void unknown_section(const Token& t, std::initializer_list<std::string_view> allowed,
                                  std::string_view what) {
    if (t.is_assignment())
        fail(t, fmt::format("'{}' must follow a section keyword ({})", t.text, what));
    fail(t, fmt::format("unknown keyword '{}'{}", t.text, suggestion(t.text, allowed)));
}

}  // namespace

void parse_primitive(Cursor& c, Draft& d) {
    const Token& id = c.next("resource id");
    declare(d, id);
    ResourceDraft r{"primitive", xml::Node("primitive"), id, {}, false};
    r.node.set_attr("id", id.text);
    set_agent(r.node, c.next("resource agent"));
    take_description(c, r.node);
    // Index, not pointer: adding sections after the first op reallocates.
    std::size_t operations = 0;
    auto ensure_operations = [&]() -> xml::Node& {
        if (!operations) {
            r.node.add_child(xml::Node("operations"));
            operations = r.node.children.size();
        }
        return r.node.children[operations - 1];
    };
    while (!c.done()) {
        const Token& t = c.next("");
        if (t.is("params")) {
            r.node.add_child(read_nvset(c, d, "instance_attributes", id.text));
        } else if (t.is("meta")) {
            r.node.add_child(read_nvset(c, d, "meta_attributes", id.text));
        } else if (t.is("utilization")) {
            r.node.add_child(read_nvset(c, d, "utilization", id.text));
        } else if (t.is("op")) {
            parse_op(c, d, ensure_operations(), id.text);
        } else if (t.is("operations")) {
            // "operations $id=X", as crmsh shows an <operations> element's id.
            const Token& spec = c.next("$id=... after 'operations'");
            if (!spec.is_assignment() || spec.name() != "$id")
                fail(spec,
                     fmt::format("expected $id=... after 'operations', found '{}'", spec.text));
            declare(d, spec, spec.value());
            ensure_operations().set_attr("id", spec.value());
        } else {
            unknown_section(t, {"params", "meta", "utilization", "op", "operations"},
                            "params, meta, utilization or op");
        }
    }
    d.resources.push_back(std::move(r));
}

void parse_group(Cursor& c, Draft& d) {
    const Token& id = c.next("group id");
    declare(d, id);
    ResourceDraft r{"group", xml::Node("group"), id, {}, false};
    r.node.set_attr("id", id.text);
    while (!c.done() && !c.peek().is_assignment() && !c.peek().is("meta") && !c.peek().is("params"))
        r.members.push_back(c.next(""));
    if (r.members.empty())
        fail(c.end_line(), c.end_column(), "missing group members");
    take_description(c, r.node);
    while (!c.done()) {
        const Token& t = c.next("");
        if (t.is("meta")) {
            r.node.add_child(read_nvset(c, d, "meta_attributes", id.text));
        } else if (t.is("params")) {
            r.node.add_child(read_nvset(c, d, "instance_attributes", id.text));
        } else {
            unknown_section(t, {"meta", "params"}, "meta or params");
        }
    }
    d.resources.push_back(std::move(r));
}

void parse_clone(Cursor& c, Draft& d, bool master) {
    const char* kind = master ? "master" : "clone";
    const Token& id = c.next(fmt::format("{} id", master ? "ms" : "clone"));
    declare(d, id);
    ResourceDraft r{kind, xml::Node(kind), id, {}, false};
    r.node.set_attr("id", id.text);
    const Token& child = c.next("the resource to clone");
    if (child.is_assignment() || child.is("meta") || child.is("params"))
        fail(child, fmt::format("missing the resource to clone before '{}'", child.text));
    r.members.push_back(child);
    take_description(c, r.node);
    while (!c.done()) {
        const Token& t = c.next("");
        if (t.is("meta")) {
            r.node.add_child(read_nvset(c, d, "meta_attributes", id.text));
        } else if (t.is("params")) {
            r.node.add_child(read_nvset(c, d, "instance_attributes", id.text));
        } else {
            unknown_section(t, {"meta", "params"}, "meta or params");
        }
    }
    d.resources.push_back(std::move(r));
}

void parse_node(Cursor& c, Draft& d) {
    const Token& first = c.next("node name");
    if (first.is_assignment())
        fail(first, fmt::format("missing node name before '{}'", first.text));
    std::string id, uname;
    const Token* uname_token = &first;
    if (!first.quoted && !first.text.empty() && first.text.back() == ':') {
        id = first.text.substr(0, first.text.size() - 1);
        uname_token = &c.next("node name after the node id");
    }
    uname = uname_token->text;
    std::string type;
    // "paul:member": the node type after the name, as crmsh prints it.
    if (auto colon = uname.rfind(':'); colon != std::string::npos) {
        type = uname.substr(colon + 1);
        uname.resize(colon);
        static const std::set<std::string> kTypes = {"member", "normal", "ping", "remote"};
        if (!kTypes.count(type))
            fail(*uname_token,
                 fmt::format("unknown node type '{}' (member, ping or remote)", type));
    }
    if (uname.empty())
        fail(*uname_token, "missing node name");
    if (id.empty())
        id = uname;
    declare(d, first, id, true);
    xml::Node node("node");
    node.set_attr("id", id);
    node.set_attr("uname", uname);
    if (!type.empty())
        node.set_attr("type", type);
    take_description(c, node);
    while (!c.done()) {
        const Token& t = c.next("");
        if (t.is("attributes")) {
            node.add_child(read_nvset(c, d, "instance_attributes", uname));
        } else if (t.is("utilization")) {
            node.add_child(read_nvset(c, d, "utilization", uname));
        } else {
            unknown_section(t, {"attributes", "utilization"}, "attributes or utilization");
        }
    }
    d.nodes.add_child(std::move(node));
}

void parse_property(Cursor& c, Draft& d, std::string_view keyword) {
    std::vector<xml::Node>* sets = &d.crm_config;
    std::string element = "meta_attributes";
    std::string set_id = "rsc-options";
    if (keyword == "property") {
        element = "cluster_property_set";
        set_id = "cib-bootstrap-options";
    } else if (keyword == "rsc_defaults") {
        sets = &d.rsc_defaults;
    } else {
        sets = &d.op_defaults;
        set_id = "op-options";
    }
    const Token* id_at = nullptr;
    if (!c.done()) {
        const Token& t = c.peek();
        if (!t.quoted && !t.is_assignment() && !t.text.empty() && t.text.back() == ':') {
            set_id = t.text.substr(0, t.text.size() - 1);
            id_at = &c.next("");
        } else if (t.is_assignment() && t.name() == "$id") {
            set_id = t.value();
            id_at = &c.next("");
        }
    }
    xml::Node* set = nullptr;
    for (auto& s : *sets)
        if (s.attr("id") == set_id)
            set = &s;
    if (!set) {
        // A later statement for the same set adds to it, as crmsh does.
        declare(d, id_at ? *id_at : c.first(), set_id);
        sets->push_back(xml::Node(element));
        set = &sets->back();
        set->set_attr("id", set_id);
    }
    while (!c.done()) {
        const Token& t = c.next("");
        if (!t.is_assignment())
            fail(t, fmt::format("expected name=value in {}, found '{}'", keyword, t.text));
        add_nvpair(*set, d, t);
    }
}

}  // namespace crm::syntax::detail
