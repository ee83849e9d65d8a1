#pragma once
// Rules in location constraints and attribute sets. Only node attribute
// expressions are typed; date expressions and others are kept as their XML
// so the scheduler can refuse them by name instead of guessing.
#include <optional>
#include <string>
#include <vector>

#include "crm/xml/xml_node.h"

namespace crm::cib {

struct Expression {
    std::string id;
    std::string attribute;  // e.g. "#uname", "#id", "#kind", or a node attribute
    std::string operation;  // lt gt lte gte eq ne defined not_defined
    std::string value;
    std::string type;          // string | integer | number | version ("" = default)
    std::string value_source;  // literal | param | meta
};

struct Rule {
    std::string id;
    std::string id_ref;
    std::string score;  // raw text: score or "" (score-attribute used instead)
    std::string score_attribute;
    std::string boolean_op;  // "and" (default) | "or"
    std::string role;
    std::vector<Expression> expressions;
    std::vector<Rule> rules;       // nested
    std::vector<xml::Node> other;  // date_expression, rsc_expression, op_expression...
};

}  // namespace crm::cib
