#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "crm/cib/nvset.h"

namespace crm::cib {

struct Operation {
    std::string id;
    std::string name;      // start, stop, monitor, promote, ...
    std::string interval;  // as written ("30s"); parse with interval_ms
    std::int64_t interval_ms = 0;
    std::string timeout;  // as written, "" if absent
    std::optional<std::int64_t> timeout_ms;
    std::string on_fail;             // "" = default for the action
    std::string role;                // Started/Promoted/Unpromoted/Stopped (legacy names kept)
    std::optional<int> check_level;  // OCF_CHECK_LEVEL from instance_attributes
    std::optional<bool> enabled;
    std::string start_delay;
    std::string description;
    std::vector<NvSet> instance_attributes;
    std::vector<NvSet> meta_attributes;
};

struct Primitive {
    std::string id;
    std::string cls;       // "ocf", "stonith", "lsb", "systemd", "service"
    std::string provider;  // "" unless cls == "ocf"
    std::string type;
    std::string template_ref;  // template="..." (unsupported by the scheduler)
    std::string description;
    std::vector<NvSet> instance_attributes;
    std::vector<NvSet> meta_attributes;
    std::vector<NvSet> utilization;
    std::vector<Operation> operations;

    bool is_stonith() const { return cls == "stonith"; }
    // "ocf:heartbeat:IPaddr2", "stonith:fence_xvm"
    std::string agent() const;
};

struct Group {
    std::string id;
    std::string description;
    std::vector<NvSet> meta_attributes;
    std::vector<Primitive> members;  // in start order
};

struct Clone {
    std::string id;
    std::string description;
    bool legacy_master = false;  // written as <master> (promotable by definition)
    std::vector<NvSet> meta_attributes;
    std::variant<Primitive, Group> child;

    bool promotable() const;  // legacy_master or meta promotable=true
    const std::string& child_id() const;
};

using Resource = std::variant<Primitive, Group, Clone>;

const std::string& resource_id(const Resource& r);
const std::vector<NvSet>& resource_meta(const Resource& r);

}  // namespace crm::cib
