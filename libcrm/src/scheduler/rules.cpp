// Node-attribute rules (location constraints): does a rule hold on a node,
// and with which score. Date and resource/operation expressions are
// refused by name rather than guessed.
#include "rules.h"

#include <cstdlib>

#include "crm/common/strings.h"

namespace crm::scheduler::detail {

namespace {

std::optional<double> number(const std::string& s) {
    if (s.empty())
        return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0')
        return std::nullopt;
    return v;
}

int compare_versions(const std::string& a, const std::string& b) {
    auto pa = split(a, '.');
    auto pb = split(b, '.');
    for (size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
        long x = i < pa.size() ? std::atol(pa[i].c_str()) : 0;
        long y = i < pb.size() ? std::atol(pb[i].c_str()) : 0;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

Result<bool> expression(const cib::Expression& e, const Node& node) {
    if (!e.value_source.empty() && e.value_source != "literal")
        return Error{"unsupported by the scheduler: value-source=" + e.value_source +
                     " in expression '" + e.id + "'"};
    std::optional<std::string> actual;
    if (e.attribute == "#uname")
        actual = node.name;
    else if (e.attribute == "#id")
        actual = node.id;
    else if (e.attribute == "#kind")
        actual = "cluster";
    else if (e.attribute == "#is_dc")
        actual = node.is_dc ? "true" : "false";
    else if (auto it = node.attrs.find(e.attribute); it != node.attrs.end())
        actual = it->second;
    const std::string& op = e.operation;
    if (op == "defined")
        return actual.has_value();
    if (op == "not_defined")
        return !actual.has_value();
    if (!actual)
        return op == "ne";
    int cmp = 0;
    std::string type = to_lower(e.type);
    if (type.empty() && op != "eq" && op != "ne") {
        // Pacemaker compares as numbers when both sides are numbers.
        if (number(*actual) && number(e.value))
            type = "number";
    }
    if (type == "integer" || type == "number") {
        auto a = number(*actual);
        auto b = number(e.value);
        if (!a || !b)
            return op == "ne";
        double x = type == "integer" ? static_cast<double>(static_cast<long long>(*a)) : *a;
        double y = type == "integer" ? static_cast<double>(static_cast<long long>(*b)) : *b;
        cmp = x < y ? -1 : (x > y ? 1 : 0);
    } else if (type == "version") {
        cmp = compare_versions(*actual, e.value);
    } else {
        cmp = actual->compare(e.value);
        cmp = cmp < 0 ? -1 : (cmp > 0 ? 1 : 0);
    }
    if (op == "eq")
        return cmp == 0;
    if (op == "ne")
        return cmp != 0;
    if (op == "lt")
        return cmp < 0;
    if (op == "gt")
        return cmp > 0;
    if (op == "lte")
        return cmp <= 0;
    if (op == "gte")
        return cmp >= 0;
    return Error{"unknown operation '" + op + "' in expression '" + e.id + "'"};
}

}  // namespace

Result<bool> rule_holds(const cib::Rule& r, const Node& node) {
    if (!r.other.empty())
        return Error{"unsupported by the scheduler: " + r.other.front().name + " in rule '" + r.id +
                     "'"};
    bool is_or = r.boolean_op == "or";
    bool acc = !is_or;
    bool any = false;
    for (const auto& e : r.expressions) {
        auto v = expression(e, node);
        if (!v)
            return v;
        any = true;
        acc = is_or ? (acc || *v) : (acc && *v);
    }
    for (const auto& sub : r.rules) {
        auto v = rule_holds(sub, node);
        if (!v)
            return v;
        any = true;
        acc = is_or ? (acc || *v) : (acc && *v);
    }
    return any ? acc : false;
}

Result<std::optional<Score>> rule_score(const cib::Rule& r, const Node& node) {
    auto holds = rule_holds(r, node);
    if (!holds)
        return Error{holds.error()};
    if (!*holds)
        return std::optional<Score>{};
    if (!r.score_attribute.empty()) {
        auto it = node.attrs.find(r.score_attribute);
        if (it == node.attrs.end())
            return std::optional<Score>{};
        auto s = Score::parse(it->second);
        return std::optional<Score>{s.value_or(Score(0))};
    }
    auto s = Score::parse(r.score);
    return std::optional<Score>{s.value_or(Score(0))};
}

}  // namespace crm::scheduler::detail
