// The driver of the configure-language reader: splits the text into
// statements, dispatches on the keyword, then assembles the configuration
// (resources nested into their groups and clones, references checked).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "crm/syntax/configure.h"
#include "crm/syntax/parser.h"

namespace crm::syntax {

namespace detail {

void fail(const Token& at, const std::string& problem) {
    fail(at.line, at.column, problem);
}
void fail(int line, int column, const std::string& problem) {
    // Messages quote the offending text; a megabyte-long token is cut so
    // the error stays readable.
    constexpr std::size_t kMax = 400;
    std::string shown = problem.size() > kMax ? problem.substr(0, kMax) +
                                                    fmt::format("... ({} bytes)", problem.size())
                                              : problem;
    throw SyntaxError{where(line, column) + ": " + shown};
}

std::string Ids::make(const std::string& base) {
    std::string id = base;
    // Suffixes below next_[base] are all taken already: ids are never
    // released, so the search resumes where it stopped (linear, not
    // quadratic, for thousands of same-named ops).
    if (taken(id)) {
        int& n = next_[base];
        do {
            id = fmt::format("{}-{}", base, n++);
        } while (taken(id));
    }
    reserve(id);
    return id;
}

const Token& Cursor::next(std::string_view what) {
    if (done())
        fail(st_.end_line, st_.end_column, fmt::format("missing {}", what));
    return st_.tokens[i_++];
}

void Cursor::expect_end(std::string_view context) {
    if (!done())
        fail(peek(), fmt::format("unexpected '{}' {}", peek().text, context));
}

namespace {

// XML ids (NCName-ish): what Pacemaker's schema accepts for an id.
bool valid_id(std::string_view id) {
    if (id.empty())
        return false;
    auto first = static_cast<unsigned char>(id[0]);
    if (!(std::isalpha(first) || id[0] == '_'))
        return false;
    return std::all_of(id.begin(), id.end(), [](char ch) {
        auto u = static_cast<unsigned char>(ch);
        return std::isalnum(u) || ch == '_' || ch == '-' || ch == '.';
    });
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

}  // namespace

void declare(Draft& d, const Token& id_token) {
    declare(d, id_token, id_token.text);
}

void declare(Draft& d, const Token& at, const std::string& id) {
    declare(d, at, id, false);
}

void declare(Draft& d, const Token& at, const std::string& id, bool node) {
    // Node ids are corosync's node ids ("1") or UUIDs: not XML ids.
    bool ok = node ? !id.empty() && id.find_first_of(" \t\"'") == std::string::npos : valid_id(id);
    if (!ok)
        fail(at, fmt::format("'{}' is not a valid id (a letter or '_', then letters, digits, "
                             "'.', '_' or '-')",
                             id));
    auto [it, fresh] = d.declared.emplace(id, at);
    if (!fresh)
        fail(at, fmt::format("duplicate id '{}' (first defined at {})", id, where(it->second)));
    d.ids.reserve(id);
}

std::string suggestion(std::string_view word, std::initializer_list<std::string_view> candidates) {
    std::string_view best;
    std::size_t best_distance = 3;
    for (auto cand : candidates) {
        // The distance is at least the difference in length: skip the
        // (quadratic) computation when that alone rules the candidate out.
        std::size_t diff =
            word.size() > cand.size() ? word.size() - cand.size() : cand.size() - word.size();
        if (diff >= best_distance)
            continue;
        std::size_t dist = edit_distance(word, cand);
        if (dist < best_distance && dist < cand.size()) {
            best = cand;
            best_distance = dist;
        }
    }
    if (best.empty())
        return {};
    return fmt::format("; did you mean '{}'?", best);
}

namespace {

bool is_inf(std::string_view lower) {
    return lower == "inf" || lower == "infinity";
}

}  // namespace

bool looks_like_score(std::string_view text) {
    std::string lower = text.empty() ? std::string() : std::string(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::string_view v = lower;
    if (!v.empty() && (v[0] == '+' || v[0] == '-'))
        v.remove_prefix(1);
    if (is_inf(v))
        return true;
    // Pacemaker clamps big integers to +/-INFINITY; beyond 18 digits a
    // "score" is not a number anyone meant.
    return !v.empty() && v.size() <= 18 && std::all_of(v.begin(), v.end(), [](char ch) {
        return std::isdigit(static_cast<unsigned char>(ch)) != 0;
    });
}

std::string normalise_score(const Token& t, std::string_view text) {
    if (!looks_like_score(text))
        fail(t, fmt::format("bad score '{}' (an integer, inf or -inf)", text));
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    std::string_view v = lower;
    bool negative = !v.empty() && v[0] == '-';
    if (!v.empty() && (v[0] == '+' || v[0] == '-'))
        v.remove_prefix(1);
    if (is_inf(v))
        return negative ? "-INFINITY" : "INFINITY";
    return std::string(text);
}

void add_nvpair(xml::Node& set, Draft& d, const Token& assignment) {
    std::string name = assignment.name();
    if (name.empty())
        fail(assignment, fmt::format("missing name before '=' in '{}'", assignment.text));
    xml::Node pair("nvpair");
    pair.set_attr("id", d.ids.make(set.attr("id") + "-" + name));
    pair.set_attr("name", name);
    pair.set_attr("value", assignment.value());
    set.add_child(std::move(pair));
}

xml::Node read_nvset(Cursor& c, Draft& d, const std::string& element, const std::string& owner) {
    xml::Node set(element);
    if (!c.done() && c.peek().is_assignment() && c.peek().name() == "$id") {
        const Token& t = c.next("$id");
        declare(d, t, t.value());
        set.set_attr("id", t.value());
    } else {
        set.set_attr("id", d.ids.make(owner + "-" + element));
    }
    while (!c.done() && c.peek().is_assignment())
        add_nvpair(set, d, c.next("name=value"));
    return set;
}

namespace {

// Where an element from an `xml` statement goes: the container under
// <configuration> ("" = <configuration> itself) and, for members of a
// list, the list element.
struct Placement {
    std::string container;
    std::string list;
};

bool placement_for(const std::string& element, Placement& out) {
    static const std::map<std::string, Placement> table = {
        {"primitive", {"resources", ""}},
        {"group", {"resources", ""}},
        {"clone", {"resources", ""}},
        {"master", {"resources", ""}},
        {"bundle", {"resources", ""}},
        {"template", {"resources", ""}},
        {"rsc_location", {"constraints", ""}},
        {"rsc_colocation", {"constraints", ""}},
        {"rsc_order", {"constraints", ""}},
        {"rsc_ticket", {"constraints", ""}},
        {"node", {"nodes", ""}},
        {"cluster_property_set", {"crm_config", ""}},
        {"tag", {"tags", ""}},
        {"fencing-level", {"fencing-topology", ""}},
        {"alert", {"alerts", ""}},
        {"acl_target", {"acls", ""}},
        {"acl_group", {"acls", ""}},
        {"acl_role", {"acls", ""}},
        {"acl_user", {"acls", ""}},
        {"tags", {"", ""}},
        {"fencing-topology", {"", ""}},
        {"alerts", {"", ""}},
        {"acls", {"", ""}},
    };
    auto it = table.find(element);
    if (it == table.end())
        return false;
    out = it->second;
    return true;
}

void collect_ids(const xml::Node& n, std::set<std::string>& ids) {
    if (n.has_attr("id"))
        ids.insert(n.attr("id"));
    for (const auto& child : n.children)
        collect_ids(child, ids);
}

}  // namespace

void parse_xml(Cursor& c, Draft& d) {
    const Token& first = c.next("XML element");
    std::string text = first.raw;
    while (!c.done())
        text += " " + c.next("").raw;
    auto parsed = xml::parse(text);
    if (!parsed.ok())
        fail(first, "bad xml: " + parsed.error());
    Placement place;
    if (!placement_for(parsed->name, place))
        fail(first, fmt::format("xml: <{}> is not a configuration element this reader can place",
                                parsed->name));
    if (parsed->has_attr("id"))
        declare(d, first, parsed->attr("id"));
    collect_ids(*parsed, d.extra_ids);
    for (const auto& id : d.extra_ids)
        d.ids.reserve(id);
    d.extra.push_back(std::move(parsed).value());
}

namespace {

void dispatch(const Statement& st, Draft& d) {
    Cursor c(st);
    const Token& kw = c.next("keyword");
    if (kw.is("node")) {
        parse_node(c, d);
    } else if (kw.is("primitive")) {
        parse_primitive(c, d);
    } else if (kw.is("group")) {
        parse_group(c, d);
    } else if (kw.is("clone")) {
        parse_clone(c, d, false);
    } else if (kw.is("ms") || kw.is("master")) {
        parse_clone(c, d, true);
    } else if (kw.is("location")) {
        parse_location(c, d);
    } else if (kw.is("order")) {
        parse_order(c, d);
    } else if (kw.is("colocation") || kw.is("collocation")) {
        parse_colocation(c, d);
    } else if (kw.is("property") || kw.is("rsc_defaults") || kw.is("op_defaults")) {
        parse_property(c, d, kw.text);
    } else if (kw.is("xml")) {
        parse_xml(c, d);
    } else {
        fail(kw, fmt::format("unknown keyword '{}'{}", kw.text,
                             suggestion(kw.text, {"node", "primitive", "group", "clone", "ms",
                                                  "location", "order", "colocation", "property",
                                                  "rsc_defaults", "op_defaults", "xml"})));
    }
}

// Ids named in the text are reserved before any is generated, so that a
// generated id never takes one the text defines further down.
void reserve_named_ids(const std::vector<Statement>& statements, Draft& d) {
    static const std::set<std::string> with_id = {"node",       "primitive",  "group",    "clone",
                                                  "ms",         "master",     "location", "order",
                                                  "colocation", "collocation"};
    for (const auto& st : statements) {
        if (st.tokens.size() < 2 || !with_id.count(st.tokens[0].text))
            continue;
        std::string id = st.tokens[1].text;
        if (!id.empty() && id.back() == ':')
            id.pop_back();
        d.ids.reserve(id);
    }
}

struct Assembler {
    Draft& d;
    std::map<std::string, std::size_t> index;

    xml::Node build(std::size_t i) {
        ResourceDraft& r = d.resources[i];
        xml::Node n = r.node;
        for (const auto& m : r.members)
            n.add_child(build(index.at(m.text)));
        return n;
    }

    void link() {
        for (std::size_t i = 0; i < d.resources.size(); ++i)
            index[d.resources[i].at.text] = i;
        for (auto& r : d.resources) {
            for (const auto& m : r.members) {
                auto it = index.find(m.text);
                if (it == index.end())
                    fail(m, fmt::format("unknown resource '{}' in {} '{}'", m.text, r.kind,
                                        r.at.text));
                ResourceDraft& child = d.resources[it->second];
                if (r.kind == "group" && child.kind != "primitive")
                    fail(m, fmt::format("group '{}' can hold only primitives, '{}' is a {}",
                                        r.at.text, m.text, child.kind));
                if (r.kind != "group" && child.kind != "primitive" && child.kind != "group")
                    fail(m, fmt::format("{} '{}' can hold a primitive or a group, '{}' is a {}",
                                        r.kind, r.at.text, m.text, child.kind));
                if (child.contained)
                    fail(m, fmt::format("resource '{}' is already inside another group or clone",
                                        m.text));
                if (&child == &r)
                    fail(m, fmt::format("'{}' cannot contain itself", m.text));
                child.contained = true;
            }
        }
    }

    void check_refs() {
        for (const auto& con : d.constraints) {
            for (const auto& ref : con.refs) {
                if (!index.count(ref.text) && !d.extra_ids.count(ref.text))
                    fail(ref, fmt::format("unknown resource '{}' in {} '{}'", ref.text,
                                          con.node.name, con.node.attr("id")));
            }
        }
    }
};

xml::Node assemble(Draft& d) {
    Assembler a{d, {}};
    a.link();
    a.check_refs();
    xml::Node conf("configuration");
    xml::Node& crm_config = conf.add_child(xml::Node("crm_config"));
    for (auto& set : d.crm_config)
        crm_config.add_child(std::move(set));
    conf.add_child(std::move(d.nodes));
    xml::Node& resources = conf.add_child(xml::Node("resources"));
    for (std::size_t i = 0; i < d.resources.size(); ++i)
        if (!d.resources[i].contained)
            resources.add_child(a.build(i));
    xml::Node& constraints = conf.add_child(xml::Node("constraints"));
    for (auto& con : d.constraints)
        constraints.add_child(std::move(con.node));
    if (!d.rsc_defaults.empty()) {
        xml::Node& rd = conf.add_child(xml::Node("rsc_defaults"));
        for (auto& set : d.rsc_defaults)
            rd.add_child(std::move(set));
    }
    if (!d.op_defaults.empty()) {
        xml::Node& od = conf.add_child(xml::Node("op_defaults"));
        for (auto& set : d.op_defaults)
            od.add_child(std::move(set));
    }
    for (auto& extra : d.extra) {
        Placement place;
        placement_for(extra.name, place);
        if (place.container.empty()) {
            conf.add_child(std::move(extra));
        } else {
            conf.ensure_child(place.container).add_child(std::move(extra));
        }
    }
    return conf;
}

}  // namespace

}  // namespace detail

Result<xml::Node> parse_configure(std::string_view text) {
    auto statements = tokenize(text);
    if (!statements.ok())
        return Error{statements.error()};
    detail::Draft d;
    try {
        detail::reserve_named_ids(*statements, d);
        for (const auto& st : *statements)
            detail::dispatch(st, d);
        return detail::assemble(d);
    } catch (const detail::SyntaxError& e) {
        return Error{e.message};
    }
}

xml::Node wrap_in_cib(xml::Node configuration) {
    xml::Node cib("cib");
    cib.set_attr("validate-with", "pacemaker-3.9");
    cib.set_attr("crm_feature_set", "3.16.2");
    cib.set_attr("admin_epoch", "0");
    cib.set_attr("epoch", "1");
    cib.set_attr("num_updates", "0");
    cib.add_child(std::move(configuration));
    cib.add_child(xml::Node("status"));
    return cib;
}

}  // namespace crm::syntax
