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
//
// It runs on udpu, not knet. knet's own link heartbeat declared healthy links
// down for ~0.4 s every few seconds on our 2-vCPU lab (pongs arriving at the
// moment of the "link down", and whatever knet_ping_timeout, knet_mtu or
// crypto setting we tried); a 400 ms token cannot ride that out, and each blip
// became a membership change (45-75 per 150 s). udpu has no link layer: 0 in
// the same runs. The price: no encryption or authentication of the ring (keep
// it on its own network, as the seed's heartbeat network is) and one link.
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
    if (spec.profile == Profile::kFast && links > 1)
        return crm::Error{
            "the fast profile runs corosync on udpu, which has one link; give each "
            "node one address (node '" +
            spec.nodes.front().name + "' has " + std::to_string(links) + ")"};
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
    if (spec.profile == Profile::kFast) {
        o += "    # fast profile: failures detected in about a second on a quiet LAN.\n";
        o += "    # udpu: knet's link heartbeat flaps under a 400 ms token. udpu neither\n";
        o += "    # encrypts nor authenticates: keep the ring on its own network.\n";
        o += "    transport: udpu\n";
        o += "    token: " + std::to_string(kFastTokenMs) + "\n";
        o += "    token_coefficient: 0\n";
    } else {
        o += "    transport: knet\n";
        o += "    crypto_cipher: aes256\n";
        o += "    crypto_hash: sha256\n";
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
           " ms with token_coefficient 0 on the udpu transport, so a lost node is noticed in about "
           "a second instead of several. udpu does not encrypt or authenticate the ring: keep it "
           "on a network of its own. Use it only on a quiet, low-latency LAN: a busy network, a "
           "paused VM or a slow host can make corosync declare a healthy node lost (and fence "
           "it).\n";
}

}  // namespace vigil
