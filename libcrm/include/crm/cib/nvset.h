#pragma once
// Name/value sets: crm_config's cluster_property_set, instance_attributes,
// meta_attributes, utilization, rsc_defaults/op_defaults meta_attributes.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crm/cib/rule.h"

namespace crm::cib {

struct NvPair {
    std::string id;
    std::string name;
    std::string value;  // "#default" means "unset" in Pacemaker
};

struct NvSet {
    std::string id;
    std::string id_ref;        // <instance_attributes id-ref="..."/>
    std::optional<int> score;  // order of precedence among sets (higher first)
    std::optional<Rule> rule;  // the set applies only where the rule holds
    std::vector<NvPair> pairs;
};

// Flattens sets the simple way: sets without rules, higher score first, first
// value of a name wins (Pacemaker's precedence); "#default" pairs are skipped.
// Sets with rules are ignored here: callers that evaluate rules use
// crm::cib::evaluate (scheduler).
std::map<std::string, std::string> flatten(const std::vector<NvSet>& sets);
std::optional<std::string> lookup(const std::vector<NvSet>& sets, const std::string& name);

}  // namespace crm::cib
