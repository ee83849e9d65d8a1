#pragma once
// Cluster properties (crm_config), resource defaults, and node attributes
// (standby, maintenance), with the ids Pacemaker's own tools write:
// cib-bootstrap-options-NAME, build-resource-defaults-NAME, nodes-ID-NAME.
#include <string>
#include <vector>

#include "crm/edit/common.h"

namespace crm::edit {

// The cluster options Pacemaker documents; setting anything else needs
// force (a typo such as "stonith-enbled" would otherwise silently do nothing).
const std::vector<std::string>& known_properties();

// name=value pairs; an empty value unsets. Values of boolean, integer,
// duration and enumerated options are checked.
Result<xml::Node> property_set(const xml::Node& cib, const NvList& pairs, bool force = false);
Result<xml::Node> property_unset(const xml::Node& cib, const std::vector<std::string>& names);

Result<xml::Node> rsc_defaults_update(const xml::Node& cib, const NvList& pairs);
Result<xml::Node> op_defaults_update(const xml::Node& cib, const NvList& pairs);

// Sets (value non-empty) or removes a permanent node attribute on the named
// nodes, or on every node when `nodes` is empty. `members` (id, name) are
// the cluster's current members: those missing from <nodes> are added first,
// as Pacemaker's controller does when a node joins.
Result<xml::Node> node_attribute(
    const xml::Node& cib, const std::vector<std::string>& nodes, const std::string& name,
    const std::string& value, const std::vector<std::pair<std::string, std::string>>& members = {});

// Bumps epoch and resets num_updates, as every configuration write does.
xml::Node bump_epoch(const xml::Node& cib);

// The smallest CIB Pacemaker accepts, with these member nodes (ids 1..n).
xml::Node empty_cib(const std::vector<std::string>& nodes = {});

}  // namespace crm::edit
