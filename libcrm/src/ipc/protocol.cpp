// Encoding and validating decoding of vigil-request / vigil-response.
#include "crm/ipc/protocol.h"

#include <array>
#include <charconv>
#include <utility>

#include <fmt/format.h>

namespace crm::ipc {
namespace {

constexpr std::array<std::pair<Op, std::string_view>, 5> op_names{{
    {Op::cib_query, "cib-query"},
    {Op::cib_replace, "cib-replace"},
    {Op::status, "status"},
    {Op::cleanup, "cleanup"},
    {Op::wait, "wait"},
}};

constexpr std::array<std::string_view, 9> rc_names{
    "ok",        "invalid-request", "permission-denied", "conflict", "invalid-cib",
    "not-found", "timeout",         "unavailable",       "internal",
};

// The largest timeout a wait may ask for: a day. Anything longer is a typo.
constexpr std::uint64_t max_wait_ms = 24ull * 3600 * 1000;

std::optional<std::uint64_t> parse_u64(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

// Only the listed attributes may appear: a misspelt attribute from a client
// is refused rather than silently ignored.
Status only_attributes(const xml::Node& n, std::initializer_list<std::string_view> allowed) {
    for (const auto& [k, v] : n.attributes) {
        bool known = false;
        for (auto a : allowed)
            known = known || a == k;
        if (!known)
            return Error{fmt::format("<{}>: unexpected attribute '{}'", n.name, k)};
    }
    return ok_status();
}

std::vector<const xml::Node*> element_children(const xml::Node& n) {
    std::vector<const xml::Node*> out;
    for (const auto& c : n.children) {
        if (!c.is_comment())
            out.push_back(&c);
    }
    return out;
}

Result<std::uint64_t> read_id(const xml::Node& root) {
    const std::string* id = root.find_attr("id");
    if (id == nullptr)
        return Error{fmt::format("<{}>: missing attribute 'id'", root.name)};
    auto v = parse_u64(*id);
    if (!v) {
        return Error{
            fmt::format("<{} id=\"{}\">: id is not a non-negative integer", root.name, *id)};
    }
    return *v;
}

Status check_version(const xml::Node& root) {
    const std::string* v = root.find_attr("version");
    if (v == nullptr)
        return Error{fmt::format("<{}>: missing attribute 'version'", root.name)};
    if (*v != std::to_string(protocol_version)) {
        return Error{
            fmt::format("<{} version=\"{}\">: unsupported protocol version (this side "
                        "speaks version {})",
                        root.name, *v, protocol_version)};
    }
    return ok_status();
}

Result<bool> read_bool(const xml::Node& n, std::string_view key) {
    const std::string* v = n.find_attr(key);
    if (v == nullptr)
        return Error{fmt::format("<{}>: missing attribute '{}'", n.name, key)};
    if (*v == "true")
        return true;
    if (*v == "false")
        return false;
    return Error{fmt::format("<{} {}=\"{}\">: expected true or false", n.name, key, *v)};
}

xml::Node encode_status(const ClusterStatus& s) {
    xml::Node n("cluster-status");
    n.set_attr("cluster-name", s.cluster_name);
    n.set_attr("dc", s.dc);
    n.set_attr("quorate", s.quorate ? "true" : "false");
    n.set_attr("ring-id", s.ring_id);
    n.set_attr("local-node", s.local_node);
    for (const auto& m : s.members) {
        xml::Node e("member");
        e.set_attr("id", std::to_string(m.id));
        e.set_attr("uname", m.uname);
        e.set_attr("online", m.online ? "true" : "false");
        n.add_child(std::move(e));
    }
    return n;
}

Result<ClusterStatus> decode_status(const xml::Node& n) {
    if (auto st = only_attributes(n, {"cluster-name", "dc", "quorate", "ring-id", "local-node"});
        !st) {
        return Error{st.error()};
    }
    ClusterStatus s;
    s.cluster_name = n.attr("cluster-name");
    s.dc = n.attr("dc");
    auto q = read_bool(n, "quorate");
    if (!q)
        return Error{q.error()};
    s.quorate = *q;
    s.ring_id = n.attr("ring-id");
    s.local_node = n.attr("local-node");
    for (const xml::Node* c : element_children(n)) {
        if (c->name != "member") {
            return Error{fmt::format("<cluster-status>: unexpected child <{}>", c->name)};
        }
        if (auto st = only_attributes(*c, {"id", "uname", "online"}); !st)
            return Error{st.error()};
        Member m;
        auto id = parse_u64(c->attr("id"));
        if (!id || *id > 0xffffffffu) {
            return Error{fmt::format("<member id=\"{}\">: not a corosync node id", c->attr("id"))};
        }
        m.id = static_cast<std::uint32_t>(*id);
        m.uname = c->attr("uname");
        auto online = read_bool(*c, "online");
        if (!online)
            return Error{online.error()};
        m.online = *online;
        s.members.push_back(std::move(m));
    }
    return s;
}

}  // namespace

std::string_view op_name(Op op) {
    for (const auto& [o, n] : op_names) {
        if (o == op)
            return n;
    }
    return "?";
}

std::optional<Op> parse_op(std::string_view name) {
    for (const auto& [o, n] : op_names) {
        if (n == name)
            return o;
    }
    return std::nullopt;
}

std::string_view rc_name(Rc rc) {
    const auto i = static_cast<std::size_t>(rc);
    return i < rc_names.size() ? rc_names[i] : "unknown";
}

std::optional<Rc> rc_from_int(long value) {
    if (value < 0 || static_cast<std::size_t>(value) >= rc_names.size())
        return std::nullopt;
    return static_cast<Rc>(value);
}

Response refusal(std::uint64_t id, Rc rc, std::string message) {
    Response r;
    r.id = id;
    r.rc = rc;
    r.message = std::move(message);
    return r;
}

std::string encode_request(const Request& request) {
    xml::Node root("vigil-request");
    root.set_attr("version", std::to_string(protocol_version));
    root.set_attr("op", op_name(request.op));
    root.set_attr("id", std::to_string(request.id));
    if (request.expect_epoch)
        root.set_attr("expect-epoch", to_string(*request.expect_epoch));
    if (request.resource)
        root.set_attr("resource", *request.resource);
    if (request.node)
        root.set_attr("node", *request.node);
    if (request.timeout_ms)
        root.set_attr("timeout-ms", std::to_string(*request.timeout_ms));
    if (request.cib)
        root.add_child(*request.cib);
    return xml::to_string(root, false);
}

Result<Request> decode_request(std::string_view document) {
    xml::ParseLimits limits;
    limits.max_bytes = max_message_bytes;
    auto parsed = xml::parse(document, limits);
    if (!parsed)
        return Error{"request: " + parsed.error()};
    const xml::Node& root = *parsed;
    if (root.name != "vigil-request") {
        return Error{
            fmt::format("request: root element is <{}>, expected <vigil-request>", root.name)};
    }
    if (auto st = check_version(root); !st)
        return Error{st.error()};
    Request r;
    auto id = read_id(root);
    if (!id)
        return Error{id.error()};
    r.id = *id;
    const std::string* op = root.find_attr("op");
    if (op == nullptr)
        return Error{"<vigil-request>: missing attribute 'op'"};
    auto o = parse_op(*op);
    if (!o) {
        return Error{
            fmt::format("<vigil-request op=\"{}\">: unknown operation (known: cib-query, "
                        "cib-replace, status, cleanup, wait)",
                        *op)};
    }
    r.op = *o;
    const auto kids = element_children(root);
    Status attrs = ok_status();
    switch (r.op) {
        case Op::cib_query:
        case Op::status:
            attrs = only_attributes(root, {"version", "op", "id"});
            break;
        case Op::cib_replace:
            attrs = only_attributes(root, {"version", "op", "id", "expect-epoch"});
            break;
        case Op::cleanup:
            attrs = only_attributes(root, {"version", "op", "id", "resource", "node"});
            break;
        case Op::wait:
            attrs = only_attributes(root, {"version", "op", "id", "timeout-ms"});
            break;
    }
    if (!attrs)
        return Error{fmt::format("{} (op {})", attrs.error(), *op)};

    if (r.op == Op::cib_replace) {
        if (kids.size() != 1 || kids[0]->name != "cib") {
            return Error{"<vigil-request op=\"cib-replace\">: needs exactly one <cib> element"};
        }
        if (auto v = cib_version_of(*kids[0]); !v)
            return Error{v.error()};
        r.cib = *kids[0];
        if (const std::string* e = root.find_attr("expect-epoch")) {
            auto v = parse_cib_version(*e);
            if (!v)
                return Error{"<vigil-request expect-epoch>: " + v.error()};
            r.expect_epoch = *v;
        }
    } else if (!kids.empty()) {
        return Error{fmt::format("<vigil-request op=\"{}\">: takes no payload, got <{}>", *op,
                                 kids[0]->name)};
    }
    if (r.op == Op::cleanup) {
        for (auto [key, out] : {std::pair{"resource", &r.resource}, std::pair{"node", &r.node}}) {
            if (const std::string* v = root.find_attr(key)) {
                if (v->empty()) {
                    return Error{fmt::format("<vigil-request op=\"cleanup\">: empty {}", key)};
                }
                *out = *v;
            }
        }
    }
    if (r.op == Op::wait) {
        if (const std::string* t = root.find_attr("timeout-ms")) {
            auto v = parse_u64(*t);
            if (!v || *v == 0 || *v > max_wait_ms) {
                return Error{fmt::format(
                    "<vigil-request timeout-ms=\"{}\">: expected milliseconds between 1 and {}", *t,
                    max_wait_ms)};
            }
            r.timeout_ms = *v;
        }
    }
    return r;
}

std::string encode_response(const Response& response) {
    xml::Node root("vigil-response");
    root.set_attr("version", std::to_string(protocol_version));
    root.set_attr("id", std::to_string(response.id));
    root.set_attr("rc", std::to_string(static_cast<int>(response.rc)));
    if (!response.message.empty())
        root.set_attr("message", response.message);
    if (response.status)
        root.add_child(encode_status(*response.status));
    if (response.cib)
        root.add_child(*response.cib);
    return xml::to_string(root, false);
}

Result<Response> decode_response(std::string_view document) {
    xml::ParseLimits limits;
    limits.max_bytes = max_message_bytes;
    auto parsed = xml::parse(document, limits);
    if (!parsed)
        return Error{"response: " + parsed.error()};
    const xml::Node& root = *parsed;
    if (root.name != "vigil-response") {
        return Error{
            fmt::format("response: root element is <{}>, expected <vigil-response>", root.name)};
    }
    if (auto st = check_version(root); !st)
        return Error{st.error()};
    if (auto st = only_attributes(root, {"version", "id", "rc", "message"}); !st) {
        return Error{st.error()};
    }
    Response r;
    auto id = read_id(root);
    if (!id)
        return Error{id.error()};
    r.id = *id;
    const std::string rc_text = root.attr("rc");
    auto rc_num = parse_u64(rc_text);
    auto rc = rc_num ? rc_from_int(static_cast<long>(*rc_num)) : std::nullopt;
    if (!rc)
        return Error{fmt::format("<vigil-response rc=\"{}\">: unknown result code", rc_text)};
    r.rc = *rc;
    r.message = root.attr("message");
    for (const xml::Node* c : element_children(root)) {
        if (c->name == "cluster-status" && !r.status) {
            auto s = decode_status(*c);
            if (!s)
                return Error{s.error()};
            r.status = std::move(*s);
        } else if (c->name == "cib" && !r.cib) {
            r.cib = *c;
        } else {
            return Error{
                fmt::format("<vigil-response>: unexpected or repeated child <{}>", c->name)};
        }
    }
    return r;
}

std::uint64_t peek_request_id(std::string_view document) {
    xml::ParseLimits limits;
    limits.max_bytes = max_message_bytes;
    auto parsed = xml::parse(document, limits);
    if (!parsed)
        return 0;
    return parse_u64(parsed->attr("id")).value_or(0);
}

}  // namespace crm::ipc
