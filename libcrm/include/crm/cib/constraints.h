#pragma once
#include <optional>
#include <string>
#include <vector>

#include "crm/cib/rule.h"
#include "crm/common/score.h"

namespace crm::cib {

struct ResourceSet {
    std::string id;
    std::string id_ref;
    std::vector<std::string> resources;  // resource_ref ids, in order
    std::optional<bool> sequential;
    std::optional<bool> require_all;
    std::optional<bool> ordered;
    std::string action;  // order sets
    std::string role;    // colocation sets
    std::string kind;
    std::string score;  // raw
};

struct LocationConstraint {
    std::string id;
    std::string rsc;
    std::string rsc_pattern;
    std::string role;
    std::string node;                  // with score: a plain node preference
    std::string score;                 // raw text as written ("" when rules are used)
    std::optional<Score> score_value;  // parsed when `score` is set and valid
    std::string resource_discovery;    // always | never | exclusive
    std::vector<Rule> rules;
    std::vector<ResourceSet> sets;
};

struct OrderConstraint {
    std::string id;
    std::string first;
    std::string then;
    std::string first_action;  // "" = start
    std::string then_action;   // "" = first_action
    std::string kind;          // Mandatory (default) | Optional | Serialize
    std::string score;         // legacy: score=0 means Optional
    std::optional<bool> symmetrical;
    std::optional<bool> require_all;
    std::vector<ResourceSet> sets;
};

struct ColocationConstraint {
    std::string id;
    std::string rsc;  // placed relative to with_rsc
    std::string with_rsc;
    std::string score;  // raw
    std::optional<Score> score_value;
    std::string rsc_role;
    std::string with_rsc_role;
    std::string node_attribute;
    std::optional<bool> influence;
    std::vector<ResourceSet> sets;
};

}  // namespace crm::cib
