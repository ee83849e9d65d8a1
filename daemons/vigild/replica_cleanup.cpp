// The Replica's cleanup of fail counts and operation history (`vigil
// resource cleanup`): applied by every member in CPG order, like any update.
#include <fmt/format.h>

#include "replica.h"

namespace vigild {
namespace {

namespace xml = crm::xml;
using crm::ipc::Rc;

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Fail counts and last-failure times are per resource and operation:
// "fail-count-RSC#OP_INTERVAL" (or plain "fail-count-RSC" in older CIBs).
bool is_failure_attr(std::string_view name, std::string_view rsc) {
    for (std::string_view kind : {"fail-count-", "last-failure-"}) {
        if (!starts_with(name, kind))
            continue;
        std::string_view rest = name.substr(kind.size());
        if (rsc.empty())
            return true;
        if (rest == rsc ||
            (starts_with(rest, rsc) && rest.size() > rsc.size() && rest[rsc.size()] == '#')) {
            return true;
        }
    }
    return false;
}

}  // namespace

Effects Replica::request_cleanup(std::uint64_t req, std::string rsc, std::string node) {
    Effects fx;
    if (!settled()) {
        fx.replies.push_back({req, Rc::unavailable,
                              "this node has not finished joining the cluster; retry shortly"});
        return fx;
    }
    CpgMessage m;
    m.type = MsgType::cleanup;
    m.req = req;
    m.rsc = std::move(rsc);
    m.node = std::move(node);
    fx.send.push_back(std::move(m));
    return fx;
}

Effects Replica::on_cleanup(const MemberId& sender, const CpgMessage& m) {
    Effects fx;
    const bool mine = sender == self_;
    if (round_open_) {
        if (mine) {
            fx.replies.push_back({m.req, Rc::unavailable,
                                  "cluster membership changed meanwhile; nothing was cleaned, "
                                  "retry"});
        }
        return fx;
    }
    if (!m.rsc.empty() && !cib_.find_by_id(m.rsc)) {
        if (mine) {
            fx.replies.push_back(
                {m.req, Rc::not_found, fmt::format("no resource '{}' in the CIB", m.rsc)});
        }
        return fx;
    }
    int removed = 0;
    if (xml::Node* status = cib_.first_child("status")) {
        for (auto& ns : status->children) {
            if (ns.name != "node_state" || (!m.node.empty() && ns.attr("uname") != m.node)) {
                continue;
            }
            if (xml::Node* lrm = ns.first_child("lrm")) {
                if (xml::Node* rscs = lrm->first_child("lrm_resources")) {
                    removed +=
                        static_cast<int>(std::erase_if(rscs->children, [&](const xml::Node& r) {
                            return r.name == "lrm_resource" &&
                                   (m.rsc.empty() || r.attr("id") == m.rsc);
                        }));
                }
            }
            if (xml::Node* ta = ns.first_child("transient_attributes")) {
                for (auto& set : ta->children) {
                    removed +=
                        static_cast<int>(std::erase_if(set.children, [&](const xml::Node& nv) {
                            return nv.name == "nvpair" && is_failure_attr(nv.attr("name"), m.rsc);
                        }));
                }
            }
        }
    }
    bump(false);
    fx.persist = true;
    fx.log.push_back(fmt::format("cleanup of {} on {} by node {}: {} entries removed",
                                 m.rsc.empty() ? "all resources" : m.rsc,
                                 m.node.empty() ? "all nodes" : m.node, sender.nodeid, removed));
    if (mine)
        fx.replies.push_back({m.req, Rc::ok, fmt::format("{} entries removed", removed)});
    return fx;
}

}  // namespace vigild
