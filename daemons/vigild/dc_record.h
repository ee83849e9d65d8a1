#pragma once
// What the DC writes into the configuration, as Pacemaker's DC does: a
// <node id uname/> under <nodes> for every node corosync knows, and the
// cluster-wide facts in crm_config: dc-version, cluster-infrastructure,
// cluster-name, have-watchdog. Applied by every member when the DC's
// message is delivered; a record the CIB already holds changes nothing, so
// a DC change or a restart bumps no epoch unless something differs.
#include <string>
#include <utility>
#include <vector>

#include "crm/xml/xml_node.h"

namespace vigild {

struct ClusterRecord {
    std::vector<std::pair<std::string, std::string>> nodes;       // (id, uname)
    std::vector<std::pair<std::string, std::string>> properties;  // (name, value)

    friend bool operator==(const ClusterRecord&, const ClusterRecord&) = default;
};

// The record for these nodes and cluster name (dc-version is Vigil's).
ClusterRecord cluster_record(std::vector<std::pair<std::string, std::string>> nodes,
                             const std::string& cluster_name);

// Adds the nodes the configuration lacks (a node is known by its uname or
// its id) and sets the properties: where a cluster_property_set already
// holds the name, that nvpair is updated; otherwise it is added to the
// cib-bootstrap-options set (created first in crm_config if missing).
// True if anything changed.
bool apply_cluster_record(crm::xml::Node& cib, const ClusterRecord& record);

// A replacement configuration (a client's whole CIB, e.g. from a file)
// usually lacks the properties the DC records; they are carried over from
// the current CIB when the replacement has none of its own, so a replace
// does not drop them only for the DC to write them back in a second epoch.
void keep_dc_properties(const crm::xml::Node& current, crm::xml::Node& next);

}  // namespace vigild
