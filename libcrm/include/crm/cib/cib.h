#pragma once
// The typed view of a CIB. Built from the XML tree by unpack(); the XML stays
// the source of truth (edits are made to the tree, see crm/cib/edit.h).
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "crm/cib/constraints.h"
#include "crm/cib/nodes.h"
#include "crm/cib/resources.h"
#include "crm/cib/status.h"
#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace crm::cib {

struct Version {
    std::int64_t admin_epoch = 0;
    std::int64_t epoch = 0;
    std::int64_t num_updates = 0;
    friend auto operator<=>(const Version&, const Version&) = default;
    std::string to_string() const;  // "0.12.3"
};

struct Configuration {
    std::vector<NvSet> crm_config;    // cluster_property_set(s)
    std::vector<NvSet> rsc_defaults;  // meta_attributes sets
    std::vector<NvSet> op_defaults;
    std::vector<ClusterNode> nodes;
    std::vector<Resource> resources;
    std::vector<LocationConstraint> locations;
    std::vector<OrderConstraint> orders;
    std::vector<ColocationConstraint> colocations;
    // Elements kept in the XML but not modelled (tickets, tags, templates,
    // fencing-topology, bundles, acls, alerts...): "element id" per entry.
    std::vector<std::string> unsupported;
};

struct Cib {
    Version version;
    std::string validate_with;
    std::string crm_feature_set;
    std::string have_quorum;  // as written ("1", "true", "0", "false", or "")
    // Set by the DC in the scheduler's input when its partition had quorum
    // and lost it: only then does no-quorum-policy=fence fence anything.
    std::string no_quorum_panic;
    std::string dc_uuid;
    Configuration configuration;
    Status status;

    // Lookups over the whole resource tree (primitives inside groups/clones too).
    const Primitive* find_primitive(const std::string& id) const;
    bool has_resource(const std::string& id) const;  // any primitive, group or clone id
    const ClusterNode* find_node(const std::string& uname) const;
};

// Builds the typed view. Fails (with element, id and problem named) only on
// input that cannot be represented, e.g. a <cib> without <configuration>, a
// primitive without type, an unparsable interval. Semantic checks that are
// not structural live in validate().
Result<Cib> unpack(const xml::Node& cib_xml);

// The value of a cluster property (crm_config), honouring aliases such as
// fencing-enabled / stonith-enabled; "" if unset.
std::string property(const Cib& cib, const std::string& name);

}  // namespace crm::cib
