#pragma once
// Constraint edits with pcs's generated ids:
//   location-RSC-NODE-SCORE, order-A-B-mandatory, colocation-A-B-SCORE,
//   cli-prefer-RSC (move), cli-ban-RSC-on-NODE (ban).
#include <string>
#include <vector>

#include "crm/edit/common.h"

namespace crm::edit {

struct NodeScore {
    std::string node;
    std::string score;  // "" = INFINITY
};

// pcs constraint location RSC prefers|avoids NODE[=SCORE]...
Result<xml::Node> location_prefers(const xml::Node& cib, const std::string& rsc,
                                   const std::vector<NodeScore>& nodes, bool avoids);
// pcs constraint location add ID RSC NODE SCORE
Result<xml::Node> location_add(const xml::Node& cib, const std::string& id, const std::string& rsc,
                               const std::string& node, const std::string& score);

struct OrderSpec {
    std::string id;                   // "" = generated
    std::string first, first_action;  // action "" = start
    std::string then, then_action;
    std::string kind;  // "" | Mandatory | Optional | Serialize
    std::string symmetrical;
    std::string require_all;
};
Result<xml::Node> order_add(const xml::Node& cib, const OrderSpec& spec);

struct ColocationSpec {
    std::string id;
    std::string rsc, rsc_role;
    std::string with_rsc, with_rsc_role;
    std::string score;  // "" = INFINITY
};
Result<xml::Node> colocation_add(const xml::Node& cib, const ColocationSpec& spec);

// Deletes any constraint (location/order/colocation/ticket) by id.
Result<xml::Node> constraint_delete(const xml::Node& cib, const std::string& id);

// resource move RSC NODE: cli-prefer-RSC, score INFINITY on NODE (replacing
// an earlier move of the same resource).
Result<xml::Node> move(const xml::Node& cib, const std::string& rsc, const std::string& node);
// resource ban RSC NODE: cli-ban-RSC-on-NODE, score -INFINITY.
Result<xml::Node> ban(const xml::Node& cib, const std::string& rsc, const std::string& node);
// resource clear RSC [NODE]: removes the cli-prefer/cli-ban constraints of
// the resource (only those naming NODE when given). Clearing when there is
// nothing to clear is not an error; `removed` says how many went.
Result<xml::Node> clear(const xml::Node& cib, const std::string& rsc, const std::string& node,
                        int* removed = nullptr);

}  // namespace crm::edit
