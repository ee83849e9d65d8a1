// Attribute sets and rules: the building blocks every other section uses.
#include <fmt/format.h>

#include "unpack_util.h"

namespace crm::cib::detail {

Result<Rule> unpack_rule(const xml::Node& n) {
    Rule r;
    r.id = n.attr("id");
    r.id_ref = n.attr("id-ref");
    r.score = n.attr("score");
    r.score_attribute = n.attr("score-attribute");
    r.boolean_op = n.attr("boolean-op");
    r.role = n.attr("role");
    for (const auto& c : n.children) {
        if (c.is_comment())
            continue;
        if (c.name == "expression") {
            Expression e;
            e.id = c.attr("id");
            e.attribute = c.attr("attribute");
            e.operation = c.attr("operation");
            e.value = c.attr("value");
            e.type = c.attr("type");
            e.value_source = c.attr("value-source");
            if (e.operation.empty()) {
                return Error{
                    fmt::format("{} in rule '{}': missing 'operation'", describe(c), r.id)};
            }
            r.expressions.push_back(std::move(e));
        } else if (c.name == "rule") {
            auto nested = unpack_rule(c);
            if (!nested)
                return Error{nested.error()};
            r.rules.push_back(std::move(*nested));
        } else {
            r.other.push_back(c);  // date_expression, rsc_expression, op_expression
        }
    }
    return r;
}

Result<NvSet> unpack_nvset(const xml::Node& n) {
    NvSet s;
    s.id = n.attr("id");
    s.id_ref = n.attr("id-ref");
    if (const std::string* score = n.find_attr("score")) {
        auto v = Score::parse(*score);
        if (!v)
            return Error{fmt::format("{}: score '{}' is not a number", describe(n), *score)};
        s.score = v->value();
    }
    for (const auto& c : n.children) {
        if (c.name == "nvpair") {
            if (!c.has_attr("name")) {
                return Error{
                    fmt::format("{} in {}: nvpair without a name", describe(c), describe(n))};
            }
            s.pairs.push_back(NvPair{c.attr("id"), c.attr("name"), c.attr("value")});
        } else if (c.name == "rule") {
            auto r = unpack_rule(c);
            if (!r)
                return Error{fmt::format("{}: {}", describe(n), r.error())};
            s.rule = std::move(*r);
        }
    }
    return s;
}

Result<std::vector<NvSet>> unpack_nvsets(const xml::Node& parent, const char* element) {
    std::vector<NvSet> out;
    for (const xml::Node* c : parent.children_named(element)) {
        auto s = unpack_nvset(*c);
        if (!s)
            return Error{s.error()};
        out.push_back(std::move(*s));
    }
    return out;
}

}  // namespace crm::cib::detail
