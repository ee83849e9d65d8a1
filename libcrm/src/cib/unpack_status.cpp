// <status>: node_state entries with the executor's operation history, as
// recorded. What it means (roles, failures) is decided by the scheduler.
#include <fmt/format.h>

#include "crm/common/strings.h"
#include "unpack_util.h"

namespace crm::cib::detail {
namespace {

std::int64_t int_or(const xml::Node& n, const char* attribute, std::int64_t fallback) {
    const std::string* v = n.find_attr(attribute);
    if (!v)
        return fallback;
    auto parsed = parse_int(*v);
    return parsed ? *parsed : fallback;
}

std::optional<std::int64_t> optional_int(const xml::Node& n, const char* attribute) {
    const std::string* v = n.find_attr(attribute);
    if (!v)
        return std::nullopt;
    return parse_int(*v);
}

LrmRscOp unpack_op(const xml::Node& n) {
    LrmRscOp op;
    op.id = n.attr("id");
    op.operation = n.attr("operation");
    op.operation_key = n.attr("operation_key");
    op.interval_ms = int_or(n, "interval", 0);
    op.call_id = static_cast<int>(int_or(n, "call-id", 0));
    op.last_rc_change = optional_int(n, "last-rc-change");
    op.last_run = optional_int(n, "last-run");
    op.exec_time = int_or(n, "exec-time", 0);
    op.queue_time = int_or(n, "queue-time", 0);
    op.transition_key = n.attr("transition-key");
    op.transition_magic = n.attr("transition-magic");
    op.on_node = n.attr("on_node");
    op.op_digest = n.attr("op-digest");
    op.exit_reason = n.attr("exit-reason");
    op.crm_feature_set = n.attr("crm_feature_set");
    // Old CIBs carry rc and status only in transition-magic:
    // "OP_STATUS:RC;TRANSITION_KEY".
    int magic_status = 0, magic_rc = 0;
    bool have_magic = false;
    if (!op.transition_magic.empty()) {
        auto colon = op.transition_magic.find(':');
        auto semi = op.transition_magic.find(';');
        if (colon != std::string::npos && semi != std::string::npos && colon < semi) {
            auto s = parse_int(op.transition_magic.substr(0, colon));
            auto r = parse_int(op.transition_magic.substr(colon + 1, semi - colon - 1));
            if (s && r) {
                magic_status = static_cast<int>(*s);
                magic_rc = static_cast<int>(*r);
                have_magic = true;
            }
        }
    }
    op.rc_code = static_cast<int>(int_or(n, "rc-code", have_magic ? magic_rc : 0));
    op.op_status = static_cast<int>(int_or(n, "op-status", have_magic ? magic_status : 0));
    return op;
}

}  // namespace

Result<cib::Status> unpack_status(const xml::Node& status) {
    cib::Status out;
    out.nodes.reserve(status.children.size());
    for (const xml::Node* ns : status.children_named("node_state")) {
        NodeState s;
        s.id = ns->attr("id");
        s.uname = ns->attr("uname");
        s.in_ccm = ns->attr("in_ccm");
        s.crmd = ns->attr("crmd");
        s.join = ns->attr("join");
        s.expected = ns->attr("expected");
        s.crm_debug_origin = ns->attr("crm-debug-origin");
        if (const xml::Node* lrm = ns->first_child("lrm")) {
            if (const xml::Node* rscs = lrm->first_child("lrm_resources")) {
                // Reserved: histories are most of a large CIB, and growing
                // vectors of them moved each one several times.
                s.resources.reserve(rscs->children.size());
                for (const xml::Node& r : rscs->children) {
                    if (r.name != "lrm_resource")
                        continue;
                    LrmResource& lr = s.resources.emplace_back();
                    lr.id = r.attr("id");
                    lr.cls = r.attr("class");
                    lr.provider = r.attr("provider");
                    lr.type = r.attr("type");
                    lr.container = r.attr("container");
                    lr.ops.reserve(r.children.size());
                    for (const xml::Node& op : r.children)
                        if (op.name == "lrm_rsc_op")
                            lr.ops.push_back(unpack_op(op));
                }
            }
        }
        if (const xml::Node* ta = ns->first_child("transient_attributes")) {
            auto sets = unpack_nvsets(*ta, "instance_attributes");
            if (!sets)
                return Error{fmt::format("node_state '{}': {}", s.uname, sets.error())};
            s.transient_attributes = std::move(*sets);
            for (const auto& set : s.transient_attributes)
                for (const auto& p : set.pairs)
                    if (p.name == "shutdown" && !p.value.empty() && p.value != "0")
                        s.has_shutdown_attr = true;
        }
        out.nodes.push_back(std::move(s));
    }
    return out;
}

}  // namespace crm::cib::detail
