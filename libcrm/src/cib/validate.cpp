// Semantic checks a schema cannot express: unique ids, references that
// resolve, values that parse. Each problem names the element and id.
#include "crm/cib/validate.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "crm/cib/cib.h"
#include "crm/common/duration.h"
#include "crm/common/strings.h"

namespace crm::cib {
namespace {

void collect_ids(const xml::Node& n, std::map<std::string, std::string>& seen,
                 std::vector<Problem>& out) {
    if (n.is_comment())
        return;
    // resource_ref and id-ref elements refer to ids; they don't define them.
    if (n.name != "resource_ref" && !n.has_attr("id-ref")) {
        if (const std::string* id = n.find_attr("id")) {
            auto [it, fresh] = seen.emplace(*id, n.name);
            if (!fresh) {
                out.push_back(Problem{false, fmt::format("duplicate id '{}': used by <{}> and <{}>",
                                                         *id, it->second, n.name)});
            }
        }
    }
    for (const auto& c : n.children)
        collect_ids(c, seen, out);
}

void check_ref(const Cib& cib, const std::string& constraint, const char* what,
               const std::string& rsc, std::vector<Problem>& out) {
    if (rsc.empty() || cib.has_resource(rsc))
        return;
    out.push_back(
        Problem{false, fmt::format("constraint '{}': {} '{}' is not a configured resource",
                                   constraint, what, rsc)});
}

void check_score(const std::string& where, const std::string& score, std::vector<Problem>& out) {
    if (score.empty() || Score::parse(score))
        return;
    out.push_back(
        Problem{false, fmt::format("{}: score '{}' is not a number or INFINITY", where, score)});
}

void check_sets(const Cib& cib, const std::string& id, const std::vector<ResourceSet>& sets,
                std::vector<Problem>& out) {
    for (const auto& s : sets)
        for (const auto& r : s.resources)
            check_ref(cib, id, "resource set member", r, out);
}

void check_constraints(const Cib& cib, std::vector<Problem>& out) {
    const auto& c = cib.configuration;
    for (const auto& l : c.locations) {
        check_ref(cib, l.id, "rsc", l.rsc, out);
        check_score(fmt::format("location '{}'", l.id), l.score, out);
        check_sets(cib, l.id, l.sets, out);
        if (!l.node.empty() && !cib.find_node(l.node)) {
            out.push_back(Problem{true, fmt::format("location '{}': node '{}' is not (yet) a "
                                                    "configured node",
                                                    l.id, l.node)});
        }
        for (const auto& r : l.rules)
            check_score(fmt::format("rule '{}'", r.id), r.score, out);
    }
    for (const auto& o : c.orders) {
        check_ref(cib, o.id, "first", o.first, out);
        check_ref(cib, o.id, "then", o.then, out);
        check_sets(cib, o.id, o.sets, out);
        if (o.sets.empty() && (o.first.empty() || o.then.empty())) {
            out.push_back(
                Problem{false, fmt::format("order '{}': needs both 'first' and 'then'", o.id)});
        }
        if (!o.kind.empty() && o.kind != "Mandatory" && o.kind != "Optional" &&
            o.kind != "Serialize") {
            out.push_back(Problem{false, fmt::format("order '{}': kind '{}' is not Mandatory, "
                                                     "Optional or Serialize",
                                                     o.id, o.kind)});
        }
    }
    for (const auto& co : c.colocations) {
        check_ref(cib, co.id, "rsc", co.rsc, out);
        check_ref(cib, co.id, "with-rsc", co.with_rsc, out);
        check_score(fmt::format("colocation '{}'", co.id), co.score, out);
        check_sets(cib, co.id, co.sets, out);
    }
}

// Parameter names become environment variable names (OCF_RESKEY_<name>).
std::string printable(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7f)
            out += fmt::format("\\x{:02x}", c);
        else
            out += static_cast<char>(c);
    }
    return out;
}

void check_param_names(const Primitive& p, std::vector<Problem>& out) {
    auto check = [&](const std::vector<NvSet>& sets, const char* what) {
        for (const auto& set : sets) {
            for (const auto& pair : set.pairs) {
                if (valid_param_name(pair.name))
                    continue;
                out.push_back(Problem{
                    false,
                    fmt::format("primitive '{}': {} name '{}' may only hold letters, digits, "
                                "'_' and '-' (it becomes an environment variable name)",
                                p.id, what, printable(pair.name))});
            }
        }
    };
    check(p.instance_attributes, "parameter");
    check(p.meta_attributes, "meta attribute");
}

void check_primitive(const Primitive& p, std::vector<Problem>& out) {
    static const std::set<std::string> classes = {"ocf", "stonith", "lsb", "systemd", "service"};
    if (!p.template_ref.empty())
        return;
    if (!classes.count(p.cls)) {
        out.push_back(Problem{false, fmt::format("primitive '{}': unknown agent class '{}' (use "
                                                 "ocf, stonith, lsb, systemd or service)",
                                                 p.id, p.cls)});
    }
    if (p.cls == "ocf" && p.provider.empty()) {
        out.push_back(Problem{false, fmt::format("primitive '{}': class ocf needs a provider "
                                                 "(e.g. ocf:heartbeat:{})",
                                                 p.id, p.type)});
    }
    if (p.cls != "ocf" && !p.provider.empty()) {
        out.push_back(
            Problem{false, fmt::format("primitive '{}': only class ocf takes a provider", p.id)});
    }
    check_param_names(p, out);
    for (const auto& op : p.operations) {
        if (!op.timeout.empty() && !op.timeout_ms) {
            out.push_back(Problem{false, fmt::format("operation '{}' of '{}': timeout '{}' is not "
                                                     "a duration",
                                                     op.id, p.id, op.timeout)});
        }
    }
}

void check_resources(const Cib& cib, std::vector<Problem>& out) {
    for (const auto& r : cib.configuration.resources) {
        if (const auto* p = std::get_if<Primitive>(&r)) {
            check_primitive(*p, out);
        } else if (const auto* g = std::get_if<Group>(&r)) {
            for (const auto& m : g->members)
                check_primitive(m, out);
        } else if (const auto* c = std::get_if<Clone>(&r)) {
            if (const auto* cp = std::get_if<Primitive>(&c->child)) {
                check_primitive(*cp, out);
            } else {
                for (const auto& m : std::get<Group>(c->child).members)
                    check_primitive(m, out);
            }
        }
    }
}

void check_properties(const Cib& cib, std::vector<Problem>& out) {
    static const std::set<std::string> policies = {"stop",   "freeze", "ignore",
                                                   "demote", "fence",  "suicide"};
    std::string nqp = property(cib, "no-quorum-policy");
    if (!nqp.empty() && !policies.count(nqp)) {
        out.push_back(Problem{false, fmt::format("property no-quorum-policy: '{}' is not one of "
                                                 "stop, freeze, ignore, demote, fence",
                                                 nqp)});
    }
    for (const char* name : {"stonith-enabled", "symmetric-cluster", "maintenance-mode",
                             "start-failure-is-fatal", "stop-orphan-resources"}) {
        std::string v = property(cib, name);
        if (!v.empty() && !parse_bool(v)) {
            out.push_back(Problem{false, fmt::format("property {}: '{}' is not a boolean "
                                                     "(true/false)",
                                                     name, v)});
        }
    }
}

}  // namespace

std::vector<Problem> validate(const xml::Node& cib_xml) {
    std::vector<Problem> out = validate_schema(cib_xml);
    std::map<std::string, std::string> seen;
    if (const xml::Node* config = cib_xml.first_child("configuration"))
        collect_ids(*config, seen, out);
    auto cib = unpack(cib_xml);
    if (!cib) {
        out.push_back(Problem{false, cib.error()});
        return out;
    }
    check_resources(*cib, out);
    check_constraints(*cib, out);
    check_properties(*cib, out);
    return out;
}

bool valid_param_name(std::string_view name) {
    if (name.empty())
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

bool has_errors(const std::vector<Problem>& problems) {
    for (const auto& p : problems)
        if (!p.warning)
            return true;
    return false;
}

std::string format_problems(const std::vector<Problem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        out += p.warning ? "warning: " : "error: ";
        out += p.message;
        out += '\n';
    }
    return out;
}

}  // namespace crm::cib
