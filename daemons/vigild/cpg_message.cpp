#include "cpg_message.h"

#include <charconv>
#include <limits>

#include <fmt/format.h>

namespace vigild {
namespace {

using crm::Error;
using crm::Result;
namespace xml = crm::xml;

constexpr std::pair<MsgType, std::string_view> type_names[] = {
    {MsgType::state, "state"},         {MsgType::sync, "sync"},       {MsgType::replace, "replace"},
    {MsgType::op_result, "op-result"}, {MsgType::cleanup, "cleanup"}, {MsgType::action, "action"},
    {MsgType::history, "history"},     {MsgType::fenced, "fenced"},   {MsgType::cluster, "cluster"},
    {MsgType::attr, "attr"},
};

std::optional<std::uint64_t> parse_u64(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

std::string encode_view(const std::vector<MemberId>& view) {
    std::string out;
    for (const auto& m : view) {
        if (!out.empty())
            out += ' ';
        out += to_string(m);
    }
    return out;
}

Result<std::vector<MemberId>> decode_view(std::string_view text) {
    std::vector<MemberId> view;
    std::size_t pos = 0;
    while (pos < text.size()) {
        auto end = text.find(' ', pos);
        if (end == std::string_view::npos)
            end = text.size();
        auto item = text.substr(pos, end - pos);
        auto colon = item.find(':');
        auto n = colon == std::string_view::npos ? std::nullopt : parse_u64(item.substr(0, colon));
        auto p = colon == std::string_view::npos ? std::nullopt : parse_u64(item.substr(colon + 1));
        if (!n || !p || *n > 0xffffffffu || *p > 0xffffffffu) {
            return Error{fmt::format("view member '{}' is not nodeid:pid", item)};
        }
        view.push_back({static_cast<std::uint32_t>(*n), static_cast<std::uint32_t>(*p)});
        pos = end + 1;
    }
    return view;
}

const xml::Node* only_child(const xml::Node& n, std::string_view name) {
    const xml::Node* found = nullptr;
    for (const auto& c : n.children) {
        if (c.is_comment())
            continue;
        if (c.name != name || found)
            return nullptr;
        found = &c;
    }
    return found;
}

xml::Node encode_op(const AgentOp& op) {
    xml::Node n("agent-op");
    n.set_attr("rsc", op.rsc);
    n.set_attr("class", op.cls);
    n.set_attr("provider", op.provider);
    n.set_attr("type", op.type);
    n.set_attr("action", op.action);
    n.set_attr("interval", std::to_string(op.interval_ms));
    n.set_attr("timeout", std::to_string(op.timeout_ms));
    n.set_attr("transition-key", op.transition_key);
    n.set_attr("expected-rc", std::to_string(op.expected_rc));
    for (const auto& [k, v] : op.params) {
        xml::Node p("param");
        p.set_attr("name", k);
        p.set_attr("value", v);
        n.add_child(std::move(p));
    }
    for (const auto& [k, v] : op.meta) {
        xml::Node p("meta");
        p.set_attr("name", k);
        p.set_attr("value", v);
        n.add_child(std::move(p));
    }
    return n;
}

Result<AgentOp> decode_op(const xml::Node& n) {
    AgentOp op;
    op.rsc = n.attr("rsc");
    op.cls = n.attr("class");
    op.provider = n.attr("provider");
    op.type = n.attr("type");
    op.action = n.attr("action");
    op.transition_key = n.attr("transition-key");
    auto interval = parse_u64(n.attr("interval"));
    auto timeout = parse_u64(n.attr("timeout"));
    auto expected = parse_u64(n.attr("expected-rc"));
    // interval and timeout are int64 in AgentOp: larger values would wrap negative.
    constexpr std::uint64_t max_ms = std::numeric_limits<std::int64_t>::max();
    if (op.rsc.empty() || op.type.empty() || op.action.empty() || !interval || !timeout ||
        *interval > max_ms || *timeout > max_ms || !expected || *expected > 255) {
        return Error{fmt::format("<agent-op rsc=\"{}\">: missing or bad attributes", op.rsc)};
    }
    op.interval_ms = static_cast<std::int64_t>(*interval);
    op.timeout_ms = static_cast<std::int64_t>(*timeout);
    op.expected_rc = static_cast<int>(*expected);
    for (const auto& c : n.children) {
        if (c.name == "param")
            op.params[c.attr("name")] = c.attr("value");
        if (c.name == "meta")
            op.meta[c.attr("name")] = c.attr("value");
    }
    return op;
}

}  // namespace

std::string encode(const CpgMessage& m) {
    xml::Node root("vigil-cpg");
    root.set_attr("protocol", std::to_string(cpg_protocol_version));
    for (auto [t, name] : type_names) {
        if (t == m.type)
            root.set_attr("type", name);
    }
    switch (m.type) {
        case MsgType::state:
            root.set_attr("view", encode_view(m.view));
            root.set_attr("has-copy", m.has_copy ? "1" : "0");
            root.set_attr("joined", m.joined ? "1" : "0");
            root.set_attr("ready", m.ready ? "1" : "0");
            root.set_attr("version", crm::ipc::to_string(m.version));
            root.set_attr("digest", m.digest);
            break;
        case MsgType::sync:
            root.set_attr("view", encode_view(m.view));
            if (m.cib)
                root.add_child(*m.cib);
            break;
        case MsgType::replace:
            root.set_attr("req", std::to_string(m.req));
            if (m.expect)
                root.set_attr("expect", crm::ipc::to_string(*m.expect));
            if (m.cib)
                root.add_child(*m.cib);
            break;
        case MsgType::op_result:
            root.set_attr("req", std::to_string(m.req));
            root.set_attr("node", m.node);
            root.set_attr("node-id", m.node_id);
            if (m.resource)
                root.add_child(*m.resource);
            break;
        case MsgType::cleanup:
            root.set_attr("req", std::to_string(m.req));
            root.set_attr("node", m.node);
            root.set_attr("rsc", m.rsc);
            break;
        case MsgType::history:
            root.set_attr("node", m.node);
            root.set_attr("node-id", m.node_id);
            if (m.lrm)
                root.add_child(*m.lrm);
            break;
        case MsgType::action:
            root.set_attr("node", m.node);
            if (m.op)
                root.add_child(encode_op(*m.op));
            break;
        case MsgType::fenced:
            if (m.fence) {
                const FenceRecord& f = *m.fence;
                root.set_attr("node", f.target);
                root.set_attr("node-id", f.target_id);
                root.set_attr("device", f.device);
                root.set_attr("action", f.action);
                root.set_attr("by", f.by);
                root.set_attr("ok", f.ok ? "1" : "0");
                root.set_attr("at", std::to_string(f.at));
                root.set_attr("detail", f.detail);
            }
            break;
        case MsgType::cluster:
            if (m.record) {
                for (const auto& [id, uname] : m.record->nodes) {
                    xml::Node n("node");
                    n.set_attr("id", id);
                    n.set_attr("uname", uname);
                    root.add_child(std::move(n));
                }
                for (const auto& [name, value] : m.record->properties) {
                    xml::Node p("property");
                    p.set_attr("name", name);
                    p.set_attr("value", value);
                    root.add_child(std::move(p));
                }
            }
            break;
        case MsgType::attr:
            root.set_attr("node", m.node);
            root.set_attr("node-id", m.node_id);
            root.set_attr("name", m.attr_name);
            root.set_attr("value", m.attr_value);
            break;
    }
    return xml::to_string(root, false);
}

Result<CpgMessage> decode_cpg(std::string_view bytes) {
    xml::ParseLimits limits;
    limits.max_bytes = crm::ipc::max_message_bytes;
    auto doc = xml::parse(bytes, limits);
    if (!doc)
        return Error{"cpg message: " + doc.error()};
    const xml::Node& root = *doc;
    if (root.name != "vigil-cpg") {
        return Error{fmt::format("cpg message: root <{}> is not <vigil-cpg>", root.name)};
    }
    // The version first: a message of another version is not interpreted.
    if (const std::string* proto = root.find_attr("protocol");
        !proto || *proto != std::to_string(cpg_protocol_version)) {
        return Error{fmt::format("cpg message: protocol version {}, this node speaks {}",
                                 proto ? *proto : std::string("none"), cpg_protocol_version)};
    }
    CpgMessage m;
    bool known = false;
    for (auto [t, name] : type_names) {
        if (name == root.attr("type")) {
            m.type = t;
            known = true;
        }
    }
    if (!known)
        return Error{fmt::format("cpg message: unknown type '{}'", root.attr("type"))};
    const std::string what = fmt::format("cpg {} message", root.attr("type"));
    if (m.type == MsgType::state || m.type == MsgType::sync) {
        auto view = decode_view(root.attr("view"));
        if (!view)
            return Error{what + ": " + view.error()};
        m.view = std::move(*view);
    }
    if (m.type == MsgType::state) {
        m.has_copy = root.attr("has-copy") == "1";
        m.joined = root.attr("joined") == "1";
        m.ready = root.attr("ready") == "1";
        auto v = crm::ipc::parse_cib_version(root.attr("version"));
        if (!v)
            return Error{what + ": " + v.error()};
        m.version = *v;
        m.digest = root.attr("digest");
    }
    if (m.type == MsgType::replace || m.type == MsgType::op_result || m.type == MsgType::cleanup) {
        auto req = parse_u64(root.attr("req"));
        if (!req)
            return Error{what + ": bad req '" + root.attr("req") + "'"};
        m.req = *req;
    }
    if (m.type == MsgType::sync || m.type == MsgType::replace) {
        const xml::Node* cib = only_child(root, "cib");
        if (!cib)
            return Error{what + ": needs exactly one <cib>"};
        m.cib = *cib;
    }
    if (m.type == MsgType::replace && root.has_attr("expect")) {
        auto v = crm::ipc::parse_cib_version(root.attr("expect"));
        if (!v)
            return Error{what + ": " + v.error()};
        m.expect = *v;
    }
    if (m.type == MsgType::op_result) {
        const xml::Node* r = only_child(root, "lrm_resource");
        if (!r || !r->first_child("lrm_rsc_op")) {
            return Error{what + ": needs one <lrm_resource> holding an <lrm_rsc_op>"};
        }
        m.resource = *r;
        m.node = root.attr("node");
        m.node_id = root.attr("node-id");
        if (m.node.empty())
            return Error{what + ": missing node"};
    }
    if (m.type == MsgType::cleanup) {
        m.node = root.attr("node");
        m.rsc = root.attr("rsc");
    }
    if (m.type == MsgType::history) {
        m.node = root.attr("node");
        m.node_id = root.attr("node-id");
        const xml::Node* lrm = only_child(root, "lrm_resources");
        if (!lrm || m.node.empty())
            return Error{what + ": needs a node and one <lrm_resources>"};
        m.lrm = *lrm;
    }
    if (m.type == MsgType::attr) {
        m.node = root.attr("node");
        m.node_id = root.attr("node-id");
        m.attr_name = root.attr("name");
        m.attr_value = root.attr("value");
        if (m.node.empty() || m.attr_name.empty())
            return Error{what + ": needs a node and an attribute name"};
    }
    if (m.type == MsgType::fenced) {
        FenceRecord f;
        f.target = root.attr("node");
        f.target_id = root.attr("node-id");
        f.device = root.attr("device");
        f.action = root.attr("action");
        f.by = root.attr("by");
        f.detail = root.attr("detail");
        const std::string ok = root.attr("ok");
        auto at = parse_u64(root.attr("at"));
        if (f.target.empty() || (ok != "0" && ok != "1") || !at ||
            *at > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return Error{what + ": needs a node, ok=0|1 and a time"};
        }
        f.ok = ok == "1";
        f.at = static_cast<std::int64_t>(*at);
        m.fence = std::move(f);
    }
    if (m.type == MsgType::cluster) {
        ClusterRecord r;
        for (const auto& c : root.children) {
            if (c.is_comment())
                continue;
            if (c.name == "node" && !c.attr("id").empty() && !c.attr("uname").empty()) {
                r.nodes.emplace_back(c.attr("id"), c.attr("uname"));
            } else if (c.name == "property" && !c.attr("name").empty()) {
                r.properties.emplace_back(c.attr("name"), c.attr("value"));
            } else {
                return Error{what + ": <" + c.name +
                             "> is not a <node id uname> or "
                             "<property name value>"};
            }
        }
        m.record = std::move(r);
    }
    if (m.type == MsgType::action) {
        m.node = root.attr("node");
        const xml::Node* op = only_child(root, "agent-op");
        if (!op || m.node.empty())
            return Error{what + ": needs a node and one <agent-op>"};
        auto decoded = decode_op(*op);
        if (!decoded)
            return Error{what + ": " + decoded.error()};
        m.op = std::move(*decoded);
    }
    return m;
}

std::string cpg_protocol_of(std::string_view bytes) {
    xml::ParseLimits limits;
    limits.max_bytes = crm::ipc::max_message_bytes;
    auto doc = xml::parse(bytes, limits);
    if (!doc || doc->name != "vigil-cpg")
        return {};
    const std::string* proto = doc->find_attr("protocol");
    return proto ? *proto : std::string("none");
}

std::string RefusalLog::on_refused(const MemberId& sender, const std::string& uname,
                                   std::string_view bytes, const std::string& error) {
    const std::string theirs = cpg_protocol_of(bytes);
    if (theirs.empty() || theirs == std::to_string(cpg_protocol_version)) {
        return fmt::format("ignoring a malformed message from {} ({}): {}", to_string(sender),
                           uname, error);
    }
    if (!foreign_.insert({sender, theirs}).second)
        return {};
    return fmt::format(
        "refusing messages from {} ({}): it speaks CPG protocol version {}, this "
        "node speaks version {}; run the same vigild version on every node",
        to_string(sender), uname, theirs, cpg_protocol_version);
}

}  // namespace vigild
