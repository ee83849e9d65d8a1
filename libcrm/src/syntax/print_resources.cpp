// nodes, primitives, groups, clones and the name=value sets they carry.
#include <fmt/format.h>

#include "crm/syntax/printer.h"

namespace crm::syntax::detail {

void cannot_print(const std::string& what) {
    throw PrintError{what};
}

std::string quote(std::string_view value) {
    bool bare = !value.empty();
    for (char ch : value) {
        auto u = static_cast<unsigned char>(ch);
        if (!(std::isalnum(u) || ch == '.' || ch == '_' || ch == '-'))
            bare = false;
    }
    if (bare)
        return std::string(value);
    std::string out = "\"";
    for (char ch : value) {
        if (ch == '"' || ch == '\\')
            out += '\\';
        out += ch;
    }
    out += '"';
    return out;
}

std::string score_text(const std::string& score) {
    std::string lower;
    for (char ch : score)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "inf" || lower == "+inf" || lower == "infinity" || lower == "+infinity")
        return "inf";
    if (lower == "-inf" || lower == "-infinity")
        return "-inf";
    return score;
}

std::string Block::render() const {
    std::string out = head;
    for (const auto& line : lines)
        out += " \\\n    " + line;
    return out;
}

namespace {

// A name stays bare (as crmsh prints it) unless it could not be read back as
// the name of one name=value token: blanks, quotes, a backslash or '=' in it.
std::string name_token(const std::string& name) {
    const bool bare = !name.empty() && name.find_first_of(" \t\r\n\"'\\=") == std::string::npos;
    return bare ? name : quote(name);
}

}  // namespace

std::string nvset_line(const std::string& keyword, const cib::NvSet& set,
                       const std::string& owner) {
    if (set.rule)
        cannot_print(fmt::format("{}: attribute set '{}' has a rule", owner, set.id));
    if (set.score)
        cannot_print(fmt::format("{}: attribute set '{}' has a score", owner, set.id));
    std::string line = keyword;
    for (const auto& p : set.pairs)
        line += fmt::format(" {}={}", name_token(p.name), quote(p.value));
    return line;
}

namespace {

void add_sets(Block& b, const std::string& keyword, const std::vector<cib::NvSet>& sets,
              const std::string& owner) {
    for (const auto& s : sets)
        b.lines.push_back(nvset_line(keyword, s, owner));
}

void add_description(Block& b, const std::string& description) {
    if (!description.empty())
        b.lines.push_back("description=" + quote(description));
}

std::string agent_text(const cib::Primitive& p) {
    // crmsh's shorthand: OCF agents of the heartbeat provider by type alone.
    if (p.cls == "ocf" && p.provider == "heartbeat")
        return p.type;
    if (p.cls == "ocf")
        return fmt::format("ocf:{}:{}", p.provider, p.type);
    if (!p.provider.empty())
        cannot_print(
            fmt::format("primitive '{}': provider '{}' on a {} agent", p.id, p.provider, p.cls));
    return fmt::format("{}:{}", p.cls, p.type);
}

void add_op(Block& b, const cib::Operation& op, const std::string& owner) {
    std::string line = "op " + op.name;
    auto attr = [&](const char* name, const std::string& value) {
        if (!value.empty())
            line += fmt::format(" {}={}", name, quote(value));
    };
    attr("interval", op.interval);
    attr("timeout", op.timeout);
    attr("role", op.role);
    attr("on-fail", op.on_fail);
    if (op.enabled)
        attr("enabled", *op.enabled ? "true" : "false");
    attr("start-delay", op.start_delay);
    attr("description", op.description);
    b.lines.push_back(line);
    std::string what = fmt::format("operation '{}' of '{}'", op.id, owner);
    if (!op.instance_attributes.empty()) {
        add_sets(b, "op_params", op.instance_attributes, what);
    } else if (op.check_level) {
        b.lines.push_back(fmt::format("op_params OCF_CHECK_LEVEL={}", *op.check_level));
    }
    add_sets(b, "op_meta", op.meta_attributes, what);
}

}  // namespace

Block print_node(const cib::ClusterNode& n) {
    Block b;
    std::string name = quote(n.uname);
    if (!n.type.empty())
        name += ":" + n.type;
    b.head =
        n.id == n.uname ? fmt::format("node {}", name) : fmt::format("node {}: {}", n.id, name);
    add_description(b, n.description);
    std::string owner = fmt::format("node '{}'", n.uname);
    add_sets(b, "attributes", n.instance_attributes, owner);
    add_sets(b, "utilization", n.utilization, owner);
    return b;
}

Block print_primitive(const cib::Primitive& p) {
    if (!p.template_ref.empty())
        cannot_print(fmt::format("primitive '{}' uses template '{}'", p.id, p.template_ref));
    Block b;
    b.head = fmt::format("primitive {} {}", p.id, agent_text(p));
    add_description(b, p.description);
    std::string owner = fmt::format("primitive '{}'", p.id);
    add_sets(b, "params", p.instance_attributes, owner);
    add_sets(b, "meta", p.meta_attributes, owner);
    add_sets(b, "utilization", p.utilization, owner);
    for (const auto& op : p.operations)
        add_op(b, op, p.id);
    return b;
}

Block print_group(const cib::Group& g) {
    Block b;
    b.head = "group " + g.id;
    for (const auto& m : g.members)
        b.head += " " + m.id;
    add_description(b, g.description);
    add_sets(b, "meta", g.meta_attributes, fmt::format("group '{}'", g.id));
    return b;
}

Block print_clone(const cib::Clone& c) {
    Block b;
    b.head = fmt::format("{} {} {}", c.legacy_master ? "ms" : "clone", c.id, c.child_id());
    add_description(b, c.description);
    add_sets(b, "meta", c.meta_attributes, fmt::format("clone '{}'", c.id));
    return b;
}

Block print_defaults(const std::string& keyword, const cib::NvSet& set) {
    if (set.rule)
        cannot_print(fmt::format("{} set '{}' has a rule", keyword, set.id));
    if (set.score)
        cannot_print(fmt::format("{} set '{}' has a score", keyword, set.id));
    Block b;
    b.head = fmt::format("{} {}:", keyword, set.id);
    for (const auto& p : set.pairs)
        b.lines.push_back(fmt::format("{}={}", name_token(p.name), quote(p.value)));
    return b;
}

}  // namespace crm::syntax::detail
