#pragma once
// corosync.conf for `vigil cluster setup`: knet transport, crypto on
// (aes256/sha256 with an authkey), votequorum, a nodelist with node ids.
#include <string>
#include <vector>

#include "crm/common/result.h"

namespace vigil {

struct ClusterNodeSpec {
    std::string name;
    std::vector<std::string> addrs;  // one per knet link (ring0_addr, ring1_addr...)
};

enum class Profile { kDefault, kFast };

struct SetupSpec {
    std::string cluster_name;
    std::vector<ClusterNodeSpec> nodes;
    Profile profile = Profile::kDefault;
};

// Parses "NODE=ADDR[,ADDR2]" or "NODE" (the name is also the address).
crm::Result<ClusterNodeSpec> parse_node_word(const std::string& word);

// Checks names, addresses (IPv4, IPv6 or host names), duplicates.
crm::Result<std::string> render_corosync_conf(const SetupSpec& spec);

// What the fast profile changes and why, for the operator.
std::string profile_note(Profile p);

}  // namespace vigil
