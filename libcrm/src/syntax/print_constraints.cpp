// location (score or rules), colocation and order, plain or with sets.
#include <fmt/format.h>

#include "crm/syntax/printer.h"

namespace crm::syntax::detail {

namespace {

// Attribute names such as "#uname" stay bare unless they hold blanks or quotes.
std::string name_text(const std::string& name) {
    bool bare = !name.empty() && name.find_first_of(" \t\n\"'\\") == std::string::npos;
    return bare ? name : quote(name);
}

std::string expression_text(const cib::Expression& e, const std::string& rule_id) {
    if (!e.value_source.empty() && e.value_source != "literal")
        cannot_print(fmt::format("rule '{}': expression '{}' takes its value from a {}", rule_id,
                                 e.id, e.value_source));
    if (e.operation == "defined" || e.operation == "not_defined")
        return fmt::format("{} {}", e.operation, name_text(e.attribute));
    std::string op = e.type.empty() ? e.operation : e.type + ":" + e.operation;
    return fmt::format("{} {} {}", name_text(e.attribute), op, quote(e.value));
}

std::string date_text(const xml::Node& n, const std::string& rule_id) {
    std::string op = n.attr("operation");
    if (n.name == "date_expression" && n.children.empty()) {
        if (op == "gt" && n.has_attr("start") && !n.has_attr("end"))
            return "date gt " + quote(n.attr("start"));
        if (op == "lt" && n.has_attr("end") && !n.has_attr("start"))
            return "date lt " + quote(n.attr("end"));
        if (op == "in_range") {
            std::string s = "date in";
            if (n.has_attr("start"))
                s += " start=" + quote(n.attr("start"));
            if (n.has_attr("end"))
                s += " end=" + quote(n.attr("end"));
            return s;
        }
    }
    cannot_print(fmt::format("rule '{}': <{} id=\"{}\"> (only date gt/lt/in with start/end)",
                             rule_id, n.name, n.attr("id")));
}

std::string rule_text(const cib::Rule& r) {
    if (!r.rules.empty())
        cannot_print(fmt::format("rule '{}' has nested rules", r.id));
    std::string s = "rule";
    if (!r.role.empty())
        s += " $role=" + quote(r.role);
    if (!r.score.empty()) {
        s += " " + score_text(r.score) + ":";
    } else if (!r.score_attribute.empty()) {
        s += " " + r.score_attribute + ":";
    } else {
        cannot_print(fmt::format("rule '{}' has neither score nor score-attribute", r.id));
    }
    if (r.boolean_op != "" && r.boolean_op != "and" && r.boolean_op != "or")
        cannot_print(fmt::format("rule '{}': boolean-op '{}'", r.id, r.boolean_op));
    std::string join = r.boolean_op == "or" ? " or " : " and ";
    std::vector<std::string> terms;
    for (const auto& e : r.expressions)
        terms.push_back(expression_text(e, r.id));
    for (const auto& o : r.other)
        terms.push_back(date_text(o, r.id));
    if (terms.empty())
        cannot_print(fmt::format("rule '{}' has no expression", r.id));
    for (std::size_t i = 0; i < terms.size(); ++i)
        s += (i ? join : " ") + terms[i];
    return s;
}

// The resources of a constraint with sets: plain runs for sequential sets,
// ( ) for sequential=false, [ ] for sequential=false require-all=false, and
// "sequential=true" inside brackets where a plain run would read back
// differently (merged into its neighbour, or taken for a plain constraint).
std::string sets_text(const std::vector<cib::ResourceSet>& sets, const std::string& cid,
                      bool order) {
    std::string out;
    bool previous_plain = false;
    std::string previous_suffix;
    for (const auto& s : sets) {
        std::string what = fmt::format("constraint '{}', set '{}'", cid, s.id);
        if (!s.id_ref.empty())
            cannot_print(what + ": id-ref");
        if (!s.kind.empty() || !s.score.empty())
            cannot_print(what + ": kind or score on a set");
        if (s.ordered)
            cannot_print(what + ": 'ordered'");
        if (s.resources.empty())
            cannot_print(what + ": no resources");
        if (order && !s.role.empty())
            cannot_print(what + ": role in an order set");
        if (!order && !s.action.empty())
            cannot_print(what + ": action in a colocation set");
        std::string suffix = order ? s.action : s.role;
        bool parallel = s.sequential.has_value() && !*s.sequential;
        bool any_of = s.require_all.has_value() && !*s.require_all;
        std::string items;
        for (const auto& r : s.resources)
            items += " " + (suffix.empty() ? r : r + ":" + suffix);
        bool plain_misreads = (previous_plain && previous_suffix == suffix) ||
                              (sets.size() == 1 && s.resources.size() <= 2);
        if (parallel) {
            out += any_of ? " [" + items + " ]" : " (" + items + " )";
        } else if (any_of) {
            out += " [" + items + " sequential=true ]";
        } else if (plain_misreads) {
            out += " (" + items + " sequential=true )";
        } else {
            out += items;
        }
        previous_plain = !parallel && !any_of && !plain_misreads;
        previous_suffix = suffix;
    }
    return out;
}

std::string with_suffix(const std::string& rsc, const std::string& suffix) {
    return suffix.empty() ? rsc : rsc + ":" + suffix;
}

}  // namespace

Block print_location(const cib::LocationConstraint& l) {
    std::string what = fmt::format("location '{}'", l.id);
    if (!l.rsc_pattern.empty())
        cannot_print(what + ": rsc-pattern");
    if (!l.sets.empty())
        cannot_print(what + ": resource sets");
    if (l.rsc.empty())
        cannot_print(what + ": no resource");
    Block b;
    b.head = fmt::format("location {} {}", l.id, l.rsc);
    if (!l.role.empty())
        b.head += " role=" + quote(l.role);
    if (!l.resource_discovery.empty())
        b.head += " resource-discovery=" + quote(l.resource_discovery);
    if (!l.rules.empty()) {
        if (!l.node.empty() || !l.score.empty())
            cannot_print(what + ": both a node score and rules");
        for (const auto& r : l.rules)
            b.lines.push_back(rule_text(r));
    } else {
        if (l.node.empty() || l.score.empty())
            cannot_print(what + ": needs a score and a node");
        b.head += fmt::format(" {}: {}", score_text(l.score), quote(l.node));
    }
    return b;
}

Block print_order(const cib::OrderConstraint& o) {
    Block b;
    b.head = "order " + o.id;
    if (!o.kind.empty()) {
        b.head += " " + o.kind + ":";
    } else if (!o.score.empty()) {
        b.head += " " + score_text(o.score) + ":";
    }
    if (!o.sets.empty()) {
        if (!o.first.empty() || !o.then.empty())
            cannot_print(fmt::format("order '{}': both first/then and sets", o.id));
        b.head += sets_text(o.sets, o.id, true);
    } else {
        if (o.first.empty() || o.then.empty())
            cannot_print(fmt::format("order '{}': needs first and then", o.id));
        b.head +=
            " " + with_suffix(o.first, o.first_action) + " " + with_suffix(o.then, o.then_action);
    }
    if (o.symmetrical)
        b.head += *o.symmetrical ? " symmetrical=true" : " symmetrical=false";
    if (o.require_all)
        b.head += *o.require_all ? " require-all=true" : " require-all=false";
    return b;
}

Block print_colocation(const cib::ColocationConstraint& c) {
    if (c.influence)
        cannot_print(fmt::format("colocation '{}': influence", c.id));
    if (c.score.empty())
        cannot_print(fmt::format("colocation '{}': no score", c.id));
    Block b;
    b.head = fmt::format("colocation {} {}:", c.id, score_text(c.score));
    if (!c.sets.empty()) {
        if (!c.rsc.empty() || !c.with_rsc.empty())
            cannot_print(fmt::format("colocation '{}': both rsc/with-rsc and sets", c.id));
        b.head += sets_text(c.sets, c.id, false);
    } else {
        if (c.rsc.empty() || c.with_rsc.empty())
            cannot_print(fmt::format("colocation '{}': needs rsc and with-rsc", c.id));
        b.head +=
            " " + with_suffix(c.rsc, c.rsc_role) + " " + with_suffix(c.with_rsc, c.with_rsc_role);
    }
    if (!c.node_attribute.empty())
        b.head += " node-attribute=" + quote(c.node_attribute);
    return b;
}

}  // namespace crm::syntax::detail
