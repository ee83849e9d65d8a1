#pragma once
// Resource edits on the CIB XML tree, one pure function per pcs verb. Each
// takes the whole CIB and returns the changed copy, or an error that names
// the problem and the fix; the input is never modified, so a refused change
// leaves nothing half-applied. Ids follow pcs: X-instance_attributes,
// X-meta_attributes, X-<action>-interval-<interval>, X-clone.
#include <optional>
#include <string>
#include <vector>

#include "crm/edit/common.h"

namespace crm::edit {

struct OpSpec {
    std::string action;  // monitor, start, stop, promote, ...
    NvList attributes;   // interval=30s timeout=20s OCF_CHECK_LEVEL=10 ...
};

struct PrimitiveSpec {
    std::string id;
    std::string agent;  // "ocf:heartbeat:IPaddr2", "stonith:fence_xvm", "systemd:nginx"
    NvList params;
    std::vector<OpSpec> ops;
    // Operations the agent's meta-data advertises; added for every action the
    // user did not give (pcs does the same unless --no-default-ops).
    std::vector<OpSpec> default_ops;
    NvList meta;
    std::string group;   // --group G (created when missing)
    std::string before;  // --before R (inside the group)
    std::string after;   // --after R
    bool clone = false;  // --clone
    NvList clone_meta;
    bool disabled = false;  // --disabled: target-role=Stopped
};

struct Agent {
    std::string cls, provider, type;
};
// "ocf:heartbeat:IPaddr2", "stonith:null", "systemd:nginx"; a bare type means
// ocf:heartbeat:<type> as in pcs when the agent is unambiguous.
Result<Agent> parse_agent(std::string_view text);

Result<xml::Node> create_primitive(const xml::Node& cib, const PrimitiveSpec& spec);

// Removes a resource; an emptied group or clone goes too, and so do the
// constraints that referred to anything removed (pcs does the same).
Result<xml::Node> delete_resource(const xml::Node& cib, const std::string& id);

// pcs resource update: params (empty value removes), meta, and ops (an op
// with the same action+interval... replaces the one of that action).
Result<xml::Node> update_resource(const xml::Node& cib, const std::string& id, const NvList& params,
                                  const NvList& meta, const std::vector<OpSpec>& ops);

// enable removes target-role, disable sets target-role=Stopped.
Result<xml::Node> set_enabled(const xml::Node& cib, const std::string& id, bool enabled);

// Sets or removes one meta attribute of any resource (is-managed, ...).
Result<xml::Node> set_meta(const xml::Node& cib, const std::string& id, const std::string& name,
                           const std::string& value);

// pcs resource group add G R... [--before R|--after R]: moves the primitives
// into the group (created if missing) in the order given.
Result<xml::Node> group_add(const xml::Node& cib, const std::string& group,
                            const std::vector<std::string>& members, const std::string& before = "",
                            const std::string& after = "");
// pcs resource group remove G [R...]: with no members the group is dissolved.
Result<xml::Node> group_remove(const xml::Node& cib, const std::string& group,
                               const std::vector<std::string>& members);

// pcs resource clone R [CLONE_ID] [meta...]; id defaults to R-clone.
Result<xml::Node> clone_resource(const xml::Node& cib, const std::string& id,
                                 const std::string& clone_id, const NvList& meta);

}  // namespace crm::edit
