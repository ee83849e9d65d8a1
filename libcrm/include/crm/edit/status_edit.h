#pragma once
// Edits of the status section for offline work (CIB_file): what
// `resource cleanup` does to the recorded history and fail counts. Against
// a live cluster the daemon does this itself.
#include <string>

#include "crm/edit/common.h"

namespace crm::edit {

// Removes the operation history (lrm_resource) and the fail-count-* /
// last-failure-* attributes of the resource (and, for a group or clone, of
// its members and clone instances "rsc:N"), on one node or all ("").
// `removed` counts history entries and attributes dropped.
Result<xml::Node> cleanup(const xml::Node& cib, const std::string& rsc, const std::string& node,
                          int* removed = nullptr);

struct FailCount {
    std::string node;
    std::string resource;   // as recorded, e.g. "web" or "web:1"
    std::string operation;  // "monitor_30000" for fail-count-web#monitor_30000, "" for legacy
    std::string value;      // as recorded (a number or INFINITY)
};
// Fail counts recorded for the resource (all of them when rsc is "").
std::vector<FailCount> fail_counts(const xml::Node& cib, const std::string& rsc);

}  // namespace crm::edit
