// The Replica's handling of records for the status and configuration:
// what only the DC sends (fencing outcomes, its record of nodes and cluster
// properties) and a node's own transient attributes (`shutdown`).
#include <fmt/format.h>

#include "replica.h"
#include "shutdown.h"

namespace vigild {

Effects Replica::request_fenced(FenceRecord record) {
    CpgMessage m;
    m.type = MsgType::fenced;
    m.fence = std::move(record);
    return send_when_settled(std::move(m));
}

Effects Replica::on_fenced(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    if (round_open_) {
        if (sender == self_)
            outbox_.push_back(m);
        return fx;
    }
    if (!m.fence || !record_fence(cib_, *m.fence))
        return fx;
    bump(false);
    fx.persist = true;
    const FenceRecord& f = *m.fence;
    fx.log.push_back(f.ok ? fmt::format("status: node {} fenced ({}, device {}, by {}): marked "
                                        "down, its resource history erased",
                                        f.target, f.action, f.device, f.by)
                          : fmt::format("status: fencing of node {} FAILED ({}, device {}, by {}): "
                                        "{}",
                                        f.target, f.action, f.device, f.by, f.detail));
    return fx;
}

Effects Replica::request_cluster_record(ClusterRecord record) {
    CpgMessage m;
    m.type = MsgType::cluster;
    m.record = std::move(record);
    return send_when_settled(std::move(m));
}

Effects Replica::on_cluster(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    if (round_open_) {
        if (sender == self_)
            outbox_.push_back(m);
        return fx;
    }
    if (!m.record || !apply_cluster_record(cib_, *m.record))
        return fx;
    bump(true);  // a configuration change
    fx.persist = true;
    fx.log.push_back(
        fmt::format("configuration: node {} (the DC) recorded the cluster's nodes and "
                    "properties: now {}",
                    sender.nodeid, crm::ipc::to_string(version())));
    return fx;
}

Effects Replica::request_attr(std::string node, std::string node_id, std::string name,
                              std::string value) {
    CpgMessage m;
    m.type = MsgType::attr;
    m.node = std::move(node);
    m.node_id = std::move(node_id);
    m.attr_name = std::move(name);
    m.attr_value = std::move(value);
    return send_when_settled(std::move(m));
}

Effects Replica::on_attr(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    if (round_open_) {
        if (sender == self_)
            outbox_.push_back(m);
        return fx;
    }
    if (!set_transient_attr(node_state(m.node, m.node_id), m.attr_name, m.attr_value))
        return fx;
    bump(false);
    fx.persist = true;
    fx.log.push_back(
        m.attr_value.empty()
            ? fmt::format("node {}: attribute {} removed", m.node, m.attr_name)
            : fmt::format("node {}: attribute {}={}", m.node, m.attr_name, m.attr_value));
    return fx;
}

}  // namespace vigild
