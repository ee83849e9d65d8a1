#pragma once
// A clean stop of vigild (SIGTERM/SIGINT), Pacemaker's way: the node sets
// its transient attribute `shutdown` through the cluster; the DC's scheduler
// then stops or moves away everything managed on it, and the node exits
// once nothing is left to do, or after shutdown-escalation. These are the
// pure parts: the attribute in a CIB and the escalation delay.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crm/xml/xml_node.h"

namespace vigild {

inline constexpr std::string_view shutdown_attr = "shutdown";

// The value of transient attribute `name` of node `uname` in the CIB's
// status section, if set.
std::optional<std::string> transient_attr(const crm::xml::Node& cib, std::string_view uname,
                                          std::string_view name);

// Sets (value non-empty) or removes (value "") a transient attribute in a
// <node_state>; true when that changed it.
bool set_transient_attr(crm::xml::Node& node_state, const std::string& name,
                        const std::string& value);

// shutdown-escalation from crm_config: how long a stopping node waits for
// the cluster to stop its resources (20 min when unset or unparsable).
std::int64_t shutdown_escalation_ms(const crm::xml::Node& cib);

}  // namespace vigild
