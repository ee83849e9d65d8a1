// location (with score or rules), order and colocation (plain or with
// resource sets).
#include <set>

#include <fmt/format.h>

#include "crm/syntax/parser.h"

namespace crm::syntax::detail {

namespace {

bool ends_with_colon(const Token& t) {
    return !t.quoted && !t.is_assignment() && t.text.size() > 1 && t.text.back() == ':';
}
std::string without_colon(const Token& t) {
    return t.text.substr(0, t.text.size() - 1);
}

const std::set<std::string> kBinaryOps = {"lt", "gt", "lte", "gte", "eq", "ne"};
const std::set<std::string> kValueTypes = {"string", "integer", "number", "version"};

// `date gt X`, `date lt X`, `date in start=X end=Y`
xml::Node parse_date(Cursor& c, Draft& d, const std::string& rule_id) {
    const Token& op = c.next("date operation (gt, lt or in)");
    xml::Node e("date_expression");
    e.set_attr("id", d.ids.make(rule_id + "-expression"));
    if (op.is("gt") || op.is("lt")) {
        e.set_attr("operation", op.text);
        e.set_attr(op.is("gt") ? "start" : "end", c.next("date").text);
    } else if (op.is("in") || op.is("in_range")) {
        e.set_attr("operation", "in_range");
        while (!c.done() && c.peek().is_assignment()) {
            const Token& t = c.next("");
            if (t.name() != "start" && t.name() != "end")
                fail(t,
                     fmt::format("unsupported date range attribute '{}' (start or end)", t.name()));
            e.set_attr(t.name(), t.value());
        }
        if (!e.has_attr("start") && !e.has_attr("end"))
            fail(op, "date in needs start= and/or end=");
    } else {
        fail(op, fmt::format("unsupported date operation '{}' (gt, lt or in)", op.text));
    }
    return e;
}

xml::Node parse_term(Cursor& c, Draft& d, const std::string& rule_id) {
    const Token& first = c.next("expression");
    if (first.is("date"))
        return parse_date(c, d, rule_id);
    xml::Node e("expression");
    if (first.is("defined") || first.is("not_defined")) {
        const Token& attr = c.next(fmt::format("attribute name after '{}'", first.text));
        e.set_attr("operation", first.text);
        e.set_attr("attribute", attr.text);
    } else {
        if (first.is_assignment() || first.is("and") || first.is("or"))
            fail(first, fmt::format("expected an expression, found '{}'", first.text));
        const Token& op = c.next(fmt::format("operator after '{}'", first.text));
        std::string opname = op.text, type;
        if (auto colon = opname.find(':'); colon != std::string::npos) {
            type = opname.substr(0, colon);
            opname = opname.substr(colon + 1);
            if (!kValueTypes.count(type))
                fail(op, fmt::format("unknown value type '{}' (string, integer, number or version)",
                                     type));
        }
        if (op.quoted || !kBinaryOps.count(opname))
            fail(op, fmt::format("unknown operator '{}' (lt, gt, lte, gte, eq, ne){}", op.text,
                                 suggestion(opname, {"lt", "gt", "lte", "gte", "eq", "ne"})));
        const Token& value = c.next(fmt::format("value after '{}'", op.text));
        e.set_attr("operation", opname);
        e.set_attr("attribute", first.text);
        if (!type.empty())
            e.set_attr("type", type);
        e.set_attr("value", value.text);
    }
    e.set_attr("id", d.ids.make(rule_id + "-expression"));
    return e;
}

// One resource named in an order or colocation: "rsc" or "rsc:suffix".
struct Item {
    Token at;
    std::string rsc;
    std::string suffix;  // action (order) or role (colocation)
};

struct SetDraft {
    char open = 0;  // 0 (a run of plain items), '(' or '['
    Token at;
    std::vector<Item> items;
    // sequential= / require-all= written inside the brackets, overriding
    // what the bracket kind implies ("[ F sequential=true ]").
    std::vector<std::pair<std::string, std::string>> options;
};

Item make_item(const Token& t) {
    if (t.quoted || t.is_assignment() || t.text.empty())
        fail(t, fmt::format("expected a resource, found '{}'", t.text));
    Item it{t, t.text, ""};
    if (auto colon = t.text.find(':'); colon != std::string::npos) {
        it.rsc = t.text.substr(0, colon);
        it.suffix = t.text.substr(colon + 1);
        if (it.rsc.empty() || it.suffix.empty())
            fail(t, fmt::format("expected RESOURCE[:{}], found '{}'", "ACTION/ROLE", t.text));
    }
    return it;
}

// Reads resources and ( ) / [ ] sets up to the first name=value option.
std::vector<SetDraft> read_items(Cursor& c) {
    std::vector<SetDraft> out;
    while (!c.done() && !c.peek().is_assignment()) {
        const Token& t = c.next("");
        if (t.is("(") || t.is("[")) {
            char close = t.is("(") ? ')' : ']';
            SetDraft s{t.text[0], t, {}, {}};
            for (;;) {
                if (c.done())
                    fail(c.end_line(), c.end_column(),
                         fmt::format("unterminated resource set: missing '{}' for the '{}' at {}",
                                     close, t.text, where(t)));
                const Token& u = c.next("");
                if (!u.quoted && u.text.size() == 1 && u.text[0] == close)
                    break;
                if (u.is("(") || u.is("[") || u.is(")") || u.is("]"))
                    fail(u, fmt::format("unexpected '{}' inside the set opened at {}", u.text,
                                        where(t)));
                if (u.is_assignment()) {
                    if (u.name() != "sequential" && u.name() != "require-all")
                        fail(u, fmt::format("unknown resource set option '{}'{}", u.name(),
                                            suggestion(u.name(), {"sequential", "require-all"})));
                    if (u.value() != "true" && u.value() != "false")
                        fail(u, fmt::format("{} must be true or false, not '{}'", u.name(),
                                            u.value()));
                    s.options.emplace_back(u.name(), u.value());
                    continue;
                }
                if (!s.options.empty())
                    fail(u, fmt::format("resource '{}' after the set's options", u.text));
                s.items.push_back(make_item(u));
            }
            if (s.items.empty())
                fail(t, "empty resource set");
            out.push_back(std::move(s));
        } else if (t.is(")") || t.is("]")) {
            fail(t, fmt::format("'{}' closes no set", t.text));
        } else {
            Item it = make_item(t);
            // Consecutive plain resources with the same action/role form one set.
            if (out.empty() || out.back().open != 0 || out.back().items.back().suffix != it.suffix)
                out.push_back(SetDraft{0, t, {}, {}});
            out.back().items.push_back(std::move(it));
        }
    }
    return out;
}

std::size_t count_items(const std::vector<SetDraft>& sets) {
    std::size_t n = 0;
    for (const auto& s : sets)
        n += s.items.size();
    return n;
}

// Two resources, or any bracketed set (a constraint of one set is valid).
bool enough_items(const std::vector<SetDraft>& sets) {
    for (const auto& s : sets)
        if (s.open != 0)
            return true;
    return count_items(sets) >= 2;
}

bool plain_pair(const std::vector<SetDraft>& sets) {
    for (const auto& s : sets)
        if (s.open != 0)
            return false;
    return count_items(sets) == 2;
}

void add_ref(ConstraintDraft& con, const Item& it) {
    Token ref = it.at;
    ref.text = it.rsc;
    con.refs.push_back(std::move(ref));
}

// Writes the sets as <resource_set>s; `suffix_attr` is "action" or "role".
void add_sets(ConstraintDraft& con, Draft& d, const std::vector<SetDraft>& sets,
              const char* suffix_attr) {
    const std::string cid = con.node.attr("id");
    int n = 0;
    for (const auto& s : sets) {
        xml::Node rs("resource_set");
        rs.set_attr("id", d.ids.make(fmt::format("{}-{}", cid, n++)));
        if (s.open == '[')
            rs.set_attr("require-all", "false");
        if (s.open != 0)
            rs.set_attr("sequential", "false");
        const std::string& suffix = s.items.front().suffix;
        for (const auto& it : s.items)
            if (it.suffix != suffix)
                fail(it.at, fmt::format("all resources of a set need the same {} ('{}' vs '{}')",
                                        suffix_attr, it.suffix, suffix));
        if (!suffix.empty())
            rs.set_attr(suffix_attr, suffix);
        for (const auto& [key, value] : s.options)
            rs.set_attr(key, value);
        for (const auto& it : s.items) {
            xml::Node ref("resource_ref");
            ref.set_attr("id", it.rsc);
            rs.add_child(std::move(ref));
            add_ref(con, it);
        }
        con.node.add_child(std::move(rs));
    }
}

void read_options(Cursor& c, xml::Node& n, std::initializer_list<std::string_view> allowed,
                  std::string_view kind) {
    while (!c.done()) {
        const Token& t = c.next("");
        bool ok = false;
        for (auto a : allowed)
            ok = ok || (t.is_assignment() && t.name() == a);
        if (!ok) {
            if (!t.is_assignment())
                fail(t, fmt::format("unexpected '{}' after the {} options", t.text, kind));
            fail(t, fmt::format("unknown {} option '{}'{}", kind, t.name(),
                                suggestion(t.name(), allowed)));
        }
        n.set_attr(t.name(), t.value());
    }
}

}  // namespace

xml::Node parse_rule(Cursor& c, Draft& d, const std::string& owner_id) {
    xml::Node rule("rule");
    std::string id;
    while (!c.done() && c.peek().is_assignment()) {
        const Token& t = c.next("");
        std::string key = t.name();
        if (key == "$id" || key == "id") {
            id = t.value();
            declare(d, t, id);
        } else if (key == "$role" || key == "role") {
            rule.set_attr("role", t.value());
        } else {
            fail(t,
                 fmt::format("unknown rule option '{}'{}", key, suggestion(key, {"$role", "$id"})));
        }
    }
    const Token& score = c.next("rule score ('SCORE:' before the expression)");
    if (!ends_with_colon(score))
        fail(score,
             fmt::format("expected 'SCORE:' at the start of the rule, found '{}'", score.text));
    std::string s = without_colon(score);
    if (looks_like_score(s)) {
        rule.set_attr("score", normalise_score(score, s));
    } else {
        rule.set_attr("score-attribute", s);  // the node attribute that gives the score
    }
    if (id.empty())
        id = d.ids.make(owner_id + "-rule");
    rule.set_attr("id", id);
    std::string boolean_op;
    for (;;) {
        rule.add_child(parse_term(c, d, id));
        if (c.done() || !(c.peek().is("and") || c.peek().is("or")))
            break;
        const Token& op = c.next("");
        if (!boolean_op.empty() && boolean_op != op.text)
            fail(op, "a rule joins its expressions with either 'and' or 'or', not both");
        boolean_op = op.text;
    }
    if (boolean_op == "or")
        rule.set_attr("boolean-op", "or");
    return rule;
}

void parse_location(Cursor& c, Draft& d) {
    const Token& id = c.next("location id");
    declare(d, id);
    ConstraintDraft con{xml::Node("rsc_location"), {}};
    con.node.set_attr("id", id.text);
    const Token& rsc = c.next("resource");
    if (rsc.is_assignment() || rsc.quoted)
        fail(rsc, fmt::format("expected a resource, found '{}'", rsc.text));
    con.node.set_attr("rsc", rsc.text);
    con.refs.push_back(rsc);
    while (!c.done() && c.peek().is_assignment()) {
        const Token& t = c.next("");
        if (t.name() != "role" && t.name() != "resource-discovery")
            fail(t, fmt::format("unknown location option '{}'{}", t.name(),
                                suggestion(t.name(), {"role", "resource-discovery"})));
        con.node.set_attr(t.name(), t.value());
    }
    const Token& t = c.next("'SCORE: NODE' or 'rule'");
    if (t.is("rule")) {
        for (;;) {
            con.node.add_child(parse_rule(c, d, id.text));
            if (c.done())
                break;
            const Token& u = c.next("");
            if (!u.is("rule"))
                fail(u, fmt::format("unexpected '{}' after a rule (another 'rule' or the end)",
                                    u.text));
        }
    } else {
        if (!ends_with_colon(t))
            fail(t, fmt::format("expected 'SCORE: NODE' or 'rule', found '{}'{}", t.text,
                                suggestion(t.text, {"rule"})));
        con.node.set_attr("score", normalise_score(t, without_colon(t)));
        const Token& node = c.next("node name after the score");
        if (node.is_assignment())
            fail(node, fmt::format("expected a node name, found '{}'", node.text));
        con.node.set_attr("node", node.text);
        c.expect_end("after the node name");
    }
    d.constraints.push_back(std::move(con));
}

void parse_order(Cursor& c, Draft& d) {
    const Token& id = c.next("order id");
    declare(d, id);
    ConstraintDraft con{xml::Node("rsc_order"), {}};
    con.node.set_attr("id", id.text);
    if (!c.done() && ends_with_colon(c.peek())) {
        const Token& k = c.next("");
        std::string kind = without_colon(k);
        if (kind == "Mandatory" || kind == "Optional" || kind == "Serialize") {
            con.node.set_attr("kind", kind);
        } else if (looks_like_score(kind)) {
            // crmsh's reading of the old score form: 0 is advisory, inf mandatory.
            std::string score = normalise_score(k, kind);
            if (score == "INFINITY") {
                con.node.set_attr("kind", "Mandatory");
            } else if (score == "0" || score == "+0" || score == "-0") {
                con.node.set_attr("kind", "Optional");
            } else {
                con.node.set_attr("score", score);
            }
        } else {
            fail(k, fmt::format("unknown order kind '{}' (Mandatory, Optional, Serialize or a "
                                "score){}",
                                kind, suggestion(kind, {"Mandatory", "Optional", "Serialize"})));
        }
    }
    auto sets = read_items(c);
    if (!enough_items(sets))
        fail(c.done() ? c.first() : c.peek(),
             fmt::format("order '{}' needs at least two resources", id.text));
    if (plain_pair(sets)) {
        const Item& first = sets.front().items.front();
        const Item& then = sets.back().items.back();
        con.node.set_attr("first", first.rsc);
        if (!first.suffix.empty())
            con.node.set_attr("first-action", first.suffix);
        con.node.set_attr("then", then.rsc);
        if (!then.suffix.empty())
            con.node.set_attr("then-action", then.suffix);
        add_ref(con, first);
        add_ref(con, then);
    } else {
        add_sets(con, d, sets, "action");
    }
    read_options(c, con.node, {"symmetrical", "require-all"}, "order");
    d.constraints.push_back(std::move(con));
}

void parse_colocation(Cursor& c, Draft& d) {
    const Token& id = c.next("colocation id");
    declare(d, id);
    ConstraintDraft con{xml::Node("rsc_colocation"), {}};
    con.node.set_attr("id", id.text);
    const Token& score = c.next("'SCORE:' after the colocation id");
    if (!ends_with_colon(score))
        fail(score,
             fmt::format("expected 'SCORE:' after the colocation id, found '{}'", score.text));
    con.node.set_attr("score", normalise_score(score, without_colon(score)));
    auto sets = read_items(c);
    if (!enough_items(sets))
        fail(c.done() ? c.first() : c.peek(),
             fmt::format("colocation '{}' needs at least two resources", id.text));
    if (plain_pair(sets)) {
        const Item& rsc = sets.front().items.front();
        const Item& with = sets.back().items.back();
        con.node.set_attr("rsc", rsc.rsc);
        if (!rsc.suffix.empty())
            con.node.set_attr("rsc-role", rsc.suffix);
        con.node.set_attr("with-rsc", with.rsc);
        if (!with.suffix.empty())
            con.node.set_attr("with-rsc-role", with.suffix);
        add_ref(con, rsc);
        add_ref(con, with);
    } else {
        add_sets(con, d, sets, "role");
    }
    read_options(c, con.node, {"node-attribute"}, "colocation");
    d.constraints.push_back(std::move(con));
}

}  // namespace crm::syntax::detail
