#pragma once
#include <string>
#include <vector>

#include "crm/cib/nvset.h"

namespace crm::cib {

struct ClusterNode {
    std::string id;     // corosync node id as text ("1")
    std::string uname;  // node name
    std::string type;   // "member" (default), "remote", "ping"
    std::string description;
    std::vector<NvSet> instance_attributes;  // permanent node attributes (standby=on, ...)
    std::vector<NvSet> utilization;
};

}  // namespace crm::cib
