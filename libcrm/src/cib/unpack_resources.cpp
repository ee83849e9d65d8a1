// <resources>: primitives, groups, clones (and the legacy <master>).
#include <fmt/format.h>

#include "crm/common/duration.h"
#include "crm/common/strings.h"
#include "unpack_util.h"

namespace crm::cib::detail {
namespace {

Result<Operation> unpack_op(const xml::Node& n, const std::string& owner) {
    Operation op;
    op.id = n.attr("id");
    op.name = n.attr("name");
    if (op.name.empty()) {
        return Error{
            fmt::format("{} of resource '{}': operation without a name", describe(n), owner)};
    }
    op.interval = n.attr("interval");
    if (!op.interval.empty()) {
        auto ms = parse_duration_ms(op.interval);
        if (!ms) {
            return Error{fmt::format("{} of resource '{}': interval '{}' is not a duration",
                                     describe(n), owner, op.interval)};
        }
        op.interval_ms = *ms;
    }
    op.timeout = n.attr("timeout");
    // A bad timeout does not make the CIB unreadable: Pacemaker falls back to
    // the default, and validate() reports it.
    if (!op.timeout.empty())
        op.timeout_ms = parse_duration_ms(op.timeout);
    op.on_fail = n.attr("on-fail");
    op.role = n.attr("role");
    op.enabled = parse_optional_bool(n, "enabled");
    op.start_delay = n.attr("start-delay");
    op.description = n.attr("description");
    auto inst = unpack_nvsets(n, "instance_attributes");
    if (!inst)
        return Error{inst.error()};
    op.instance_attributes = std::move(*inst);
    auto meta = unpack_nvsets(n, "meta_attributes");
    if (!meta)
        return Error{meta.error()};
    op.meta_attributes = std::move(*meta);
    if (auto level = lookup(op.instance_attributes, "OCF_CHECK_LEVEL")) {
        auto v = parse_int(*level);
        if (!v) {
            return Error{fmt::format("{} of resource '{}': OCF_CHECK_LEVEL '{}' is not a number",
                                     describe(n), owner, *level)};
        }
        op.check_level = static_cast<int>(*v);
    }
    return op;
}

Result<Primitive> unpack_primitive(const xml::Node& n, std::vector<std::string>& unsupported) {
    Primitive p;
    p.id = n.attr("id");
    if (p.id.empty())
        return Error{"<primitive> without an id"};
    p.cls = n.attr("class");
    p.provider = n.attr("provider");
    p.type = n.attr("type");
    p.template_ref = n.attr("template");
    p.description = n.attr("description");
    if (!p.template_ref.empty()) {
        unsupported.push_back(
            fmt::format("primitive {} (uses template '{}')", p.id, p.template_ref));
    } else if (p.type.empty() || p.cls.empty()) {
        return Error{fmt::format("{}: 'class' and 'type' are required", describe(n))};
    }
    for (const char* set : {"instance_attributes", "meta_attributes", "utilization"}) {
        auto sets = unpack_nvsets(n, set);
        if (!sets)
            return Error{sets.error()};
        std::string_view name = set;
        if (name == "instance_attributes") {
            p.instance_attributes = std::move(*sets);
        } else if (name == "meta_attributes") {
            p.meta_attributes = std::move(*sets);
        } else {
            p.utilization = std::move(*sets);
        }
    }
    if (const xml::Node* ops = n.first_child("operations")) {
        for (const xml::Node* op : ops->children_named("op")) {
            auto o = unpack_op(*op, p.id);
            if (!o)
                return Error{o.error()};
            p.operations.push_back(std::move(*o));
        }
    }
    return p;
}

Result<Group> unpack_group(const xml::Node& n, std::vector<std::string>& unsupported) {
    Group g;
    g.id = n.attr("id");
    if (g.id.empty())
        return Error{"<group> without an id"};
    g.description = n.attr("description");
    auto meta = unpack_nvsets(n, "meta_attributes");
    if (!meta)
        return Error{meta.error()};
    g.meta_attributes = std::move(*meta);
    for (const auto& c : n.children) {
        if (c.name == "primitive") {
            auto p = unpack_primitive(c, unsupported);
            if (!p)
                return Error{p.error()};
            g.members.push_back(std::move(*p));
        } else if (c.name == "group" || c.name == "clone" || c.name == "master" ||
                   c.name == "bundle") {
            return Error{fmt::format("group '{}': a {} cannot be inside a group (only primitives)",
                                     g.id, describe(c))};
        }
    }
    if (g.members.empty())
        return Error{fmt::format("group '{}' has no primitives", g.id)};
    return g;
}

Result<Clone> unpack_clone(const xml::Node& n, std::vector<std::string>& unsupported) {
    Clone c;
    c.id = n.attr("id");
    if (c.id.empty())
        return Error{fmt::format("<{}> without an id", n.name)};
    c.legacy_master = n.name == "master";
    c.description = n.attr("description");
    auto meta = unpack_nvsets(n, "meta_attributes");
    if (!meta)
        return Error{meta.error()};
    c.meta_attributes = std::move(*meta);
    int children = 0;
    for (const auto& child : n.children) {
        if (child.name == "primitive") {
            auto p = unpack_primitive(child, unsupported);
            if (!p)
                return Error{p.error()};
            c.child = std::move(*p);
            ++children;
        } else if (child.name == "group") {
            auto g = unpack_group(child, unsupported);
            if (!g)
                return Error{g.error()};
            c.child = std::move(*g);
            ++children;
        } else if (child.name == "clone" || child.name == "master" || child.name == "bundle") {
            return Error{fmt::format("clone '{}': a {} cannot be cloned", c.id, describe(child))};
        }
    }
    if (children != 1) {
        return Error{fmt::format("clone '{}' must hold exactly one primitive or group, it has {}",
                                 c.id, children)};
    }
    return c;
}

}  // namespace

Result<Resource> unpack_resource(const xml::Node& n, std::vector<std::string>& unsupported) {
    if (n.name == "primitive") {
        auto p = unpack_primitive(n, unsupported);
        if (!p)
            return Error{p.error()};
        return Resource(std::move(*p));
    }
    if (n.name == "group") {
        auto g = unpack_group(n, unsupported);
        if (!g)
            return Error{g.error()};
        return Resource(std::move(*g));
    }
    if (n.name == "clone" || n.name == "master") {
        auto c = unpack_clone(n, unsupported);
        if (!c)
            return Error{c.error()};
        return Resource(std::move(*c));
    }
    return Error{fmt::format("{} is not a primitive, group or clone", describe(n))};
}

}  // namespace crm::cib::detail
