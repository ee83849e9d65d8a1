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
        std::string container;
        xml_container(extra.name, container);  // checked when read
        if (container.empty()) {
            conf.add_child(std::move(extra));
        } else {
            conf.ensure_child(container).add_child(std::move(extra));
        }
    }
    return conf;
}

}  // namespace

}  // namespace detail

namespace {

// Control characters (NUL above all) and bytes that are not UTF-8 have no
// place in the language, and would end up in XML that cannot be written or
// read back: refuse them before anything else, saying where.
crm::Status check_characters(std::string_view text) {
    int line = 1, column = 1;
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t len = 1;
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            return Error{fmt::format("{}: control character 0x{:02x} is not allowed",
                                     where(line, column), c)};
        }
        if (c >= 0x80) {
            // Well-formed UTF-8: a lead byte, then 1-3 continuation bytes,
            // no overlong forms, no surrogates, nothing above U+10FFFF.
            len = c >= 0xc2 && c <= 0xdf   ? 2
                  : c >= 0xe0 && c <= 0xef ? 3
                  : c >= 0xf0 && c <= 0xf4 ? 4
                                           : 0;
            bool ok = len != 0 && i + len <= text.size();
            for (size_t k = 1; ok && k < len; ++k)
                ok = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
            if (ok && len >= 3) {
                const auto c1 = static_cast<unsigned char>(text[i + 1]);
                ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0) &&
                     !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
            }
            if (!ok) {
                return Error{
                    fmt::format("{}: byte 0x{:02x} is not valid UTF-8", where(line, column), c)};
            }
        }
        if (c == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += len;
    }
    return ok_status();
}

}  // namespace

Result<xml::Node> parse_configure(std::string_view text) {
    if (auto st = check_characters(text); !st)
        return Error{st.error()};
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
