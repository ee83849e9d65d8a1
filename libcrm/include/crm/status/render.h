#pragma once
// Renderings of a ClusterView.
#include <cstdint>
#include <string>

#include "crm/status/view.h"
#include "crm/xml/xml_node.h"

namespace crm::status {

struct TextOptions {
    bool full = false;            // --full: fail counts (Migration Summary), node ids
    bool resources_only = false;  // `vigil resource status`
    std::int64_t now = 0;         // for "Last updated"; 0 leaves the line out
};

// crm_mon -1 / pcs status layout: Cluster name, WARNINGS, Cluster Summary,
// Node List, Full List of Resources, Failed Resource Actions (and with
// --full, Migration Summary). Times use the local time zone, as crm_mon.
std::string render_text(const ClusterView& view, const TextOptions& options);

// The versioned XML form (schemas/vigil-status-1.rng): <vigil-status
// version="1">. Scripts may rely on every element and attribute documented
// in the schema; new ones are only ever added.
inline constexpr const char* kStatusXmlVersion = "1";
xml::Node render_xml(const ClusterView& view, std::int64_t now = 0);

// "Tue Aug 20 00:28:12 2024" for epoch seconds, in local time.
std::string format_time(std::int64_t epoch_seconds);

}  // namespace crm::status
