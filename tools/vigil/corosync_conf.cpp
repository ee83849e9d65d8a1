#include "corosync_conf.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "crm/common/strings.h"

namespace vigil {

namespace {

// The fast profile: token 400 ms, and token_coefficient 0 so the token does
// not grow with the node count. LAB-NOTES measured failure detection at
// ~7.8 s with defaults, ~3.5 s at token 1000, ~2.1 s at 1000 + coefficient 0.
constexpr int kFastTokenMs = 400;

bool valid_name(const std::string& n) {
    if (n.empty() || n.size() > 253)
        return false;
    return std::all_of(n.begin(), n.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    });
}

bool valid_addr(const std::string& a) {
    unsigned char buf[16];
    if (::inet_pton(AF_INET, a.c_str(), buf) == 1 || ::inet_pton(AF_INET6, a.c_str(), buf) == 1)
        return true;
    // A host name corosync resolves at start.
    return valid_name(a) && std::isalpha(static_cast<unsigned char>(a[0]));
}

}  // namespace

crm::Result<ClusterNodeSpec> parse_node_word(const std::string& word) {
    ClusterNodeSpec n;
    auto eq = word.find('=');
    n.name = word.substr(0, eq);
    if (eq == std::string::npos) {
        n.addrs = {n.name};
    } else {
        for (const auto& a : crm::split(word.substr(eq + 1), ','))
            n.addrs.push_back(a);
        // pcs also accepts "NODE addr=ADDR"; the caller joins those.
    }
    if (!valid_name(n.name))
        return crm::Error{"node name '" + n.name +
                          "' is not valid; use letters, digits, '-', '_' and '.'"};
    for (const auto& a : n.addrs)
        if (a.empty() || !valid_addr(a))
            return crm::Error{"address '" + a + "' of node '" + n.name +
                              "' is not an IPv4/IPv6 address or host name"};
    if (n.addrs.size() > 8)
        return crm::Error{"node '" + n.name + "' has " + std::to_string(n.addrs.size()) +
                          " addresses; knet supports at most 8 links"};
    return n;
}

crm::Result<std::string> render_corosync_conf(const SetupSpec& spec) {
    if (!valid_name(spec.cluster_name))
        return crm::Error{"cluster name '" + spec.cluster_name +
                          "' is not valid; use letters, digits, '-', '_' and '.'"};
    if (spec.nodes.empty())
        return crm::Error{"no nodes given; write NODE=ADDR for each node"};
    std::size_t links = spec.nodes.front().addrs.size();
    for (std::size_t i = 0; i < spec.nodes.size(); ++i) {
        const auto& n = spec.nodes[i];
        if (n.addrs.size() != links)
            return crm::Error{"node '" + n.name + "' has " + std::to_string(n.addrs.size()) +
                              " addresses but '" + spec.nodes.front().name + "' has " +
                              std::to_string(links) + "; every node needs one per link"};
        for (std::size_t j = 0; j < i; ++j) {
            if (spec.nodes[j].name == n.name)
                return crm::Error{"node '" + n.name + "' is given twice"};
            for (const auto& a : n.addrs)
                for (const auto& b : spec.nodes[j].addrs)
                    if (a == b)
                        return crm::Error{"address '" + a + "' is given for both '" +
                                          spec.nodes[j].name + "' and '" + n.name + "'"};
        }
    }
    std::string o;
    o += "# Written by 'vigil cluster setup' (profile " +
         std::string(spec.profile == Profile::kFast ? "fast" : "default") + ").\n";
    o += "# Copy to /etc/corosync/corosync.conf on every node, with the same authkey.\n";
    o += "totem {\n";
    o += "    version: 2\n";
    o += "    cluster_name: " + spec.cluster_name + "\n";
    o += "    transport: knet\n";
    o += "    crypto_cipher: aes256\n";
    o += "    crypto_hash: sha256\n";
    if (spec.profile == Profile::kFast) {
        o += "    # fast profile: failures detected in about a second on a quiet LAN\n";
        o += "    token: " + std::to_string(kFastTokenMs) + "\n";
        o += "    token_coefficient: 0\n";
    }
    for (std::size_t l = 0; l < links; ++l) {
        o += "    interface {\n";
        o += "        linknumber: " + std::to_string(l) + "\n";
        o += "    }\n";
    }
    o += "}\n\n";
    o += "nodelist {\n";
    for (std::size_t i = 0; i < spec.nodes.size(); ++i) {
        const auto& n = spec.nodes[i];
        o += "    node {\n";
        for (std::size_t l = 0; l < n.addrs.size(); ++l)
            o += "        ring" + std::to_string(l) + "_addr: " + n.addrs[l] + "\n";
        o += "        name: " + n.name + "\n";
        o += "        nodeid: " + std::to_string(i + 1) + "\n";
        o += "    }\n";
    }
    o += "}\n\n";
    o += "quorum {\n";
    o += "    provider: corosync_votequorum\n";
    if (spec.nodes.size() == 2)
        o += "    two_node: 1\n";
    o += "}\n\n";
    o += "logging {\n";
    o += "    to_logfile: yes\n";
    o += "    logfile: /var/log/corosync/corosync.log\n";
    o += "    to_syslog: yes\n";
    o += "    timestamp: on\n";
    o += "}\n";
    return o;
}

std::string profile_note(Profile p) {
    if (p == Profile::kDefault)
        return "profile default: corosync's default token (3000 ms, plus 650 ms per node above "
               "two); a lost node is noticed in several seconds\n";
    return "profile fast: token " + std::to_string(kFastTokenMs) +
           " ms with token_coefficient 0, so a lost node is noticed in about a second instead of "
           "several. Use it only on a quiet, low-latency LAN: a busy network, a paused VM or a "
           "slow host can make corosync declare a healthy node lost (and fence it).\n";
}

}  // namespace vigil
