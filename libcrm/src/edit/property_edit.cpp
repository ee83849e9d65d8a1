// Cluster properties, resource/op defaults, node attributes.
#include "crm/edit/property_edit.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "crm/common/duration.h"
#include "crm/common/score.h"
#include "crm/common/strings.h"
#include "ops.h"

namespace crm::edit {

namespace {

enum class Kind { kBool, kInt, kDuration, kText, kEnum };

struct Option {
    Kind kind;
    std::vector<std::string> choices;  // kEnum
};

// Pacemaker's documented cluster options (Pacemaker Explained, "Cluster
// Options") with the type each value must have.
const std::map<std::string, Option>& options() {
    static const std::map<std::string, Option> table = {
        {"batch-limit", {Kind::kInt, {}}},
        {"cluster-delay", {Kind::kDuration, {}}},
        {"cluster-infrastructure", {Kind::kText, {}}},
        {"cluster-ipc-limit", {Kind::kInt, {}}},
        {"cluster-name", {Kind::kText, {}}},
        {"cluster-recheck-interval", {Kind::kDuration, {}}},
        {"concurrent-fencing", {Kind::kBool, {}}},
        {"dc-deadtime", {Kind::kDuration, {}}},
        {"dc-version", {Kind::kText, {}}},
        {"election-timeout", {Kind::kDuration, {}}},
        {"enable-acl", {Kind::kBool, {}}},
        {"enable-startup-probes", {Kind::kBool, {}}},
        {"fence-reaction", {Kind::kEnum, {"stop", "panic"}}},
        {"fencing-enabled", {Kind::kBool, {}}},
        {"have-watchdog", {Kind::kBool, {}}},
        {"join-finalization-timeout", {Kind::kDuration, {}}},
        {"join-integration-timeout", {Kind::kDuration, {}}},
        {"load-threshold", {Kind::kText, {}}},
        {"maintenance-mode", {Kind::kBool, {}}},
        {"migration-limit", {Kind::kInt, {}}},
        {"no-quorum-policy",
         {Kind::kEnum, {"stop", "freeze", "ignore", "demote", "suicide", "fence"}}},
        {"node-action-limit", {Kind::kInt, {}}},
        {"node-health-base", {Kind::kInt, {}}},
        {"node-health-green", {Kind::kText, {}}},
        {"node-health-red", {Kind::kText, {}}},
        {"node-health-strategy",
         {Kind::kEnum, {"none", "migrate-on-red", "only-green", "progressive", "custom"}}},
        {"node-health-yellow", {Kind::kText, {}}},
        {"pe-error-series-max", {Kind::kInt, {}}},
        {"pe-input-series-max", {Kind::kInt, {}}},
        {"pe-warn-series-max", {Kind::kInt, {}}},
        {"placement-strategy", {Kind::kEnum, {"default", "utilization", "minimal", "balanced"}}},
        {"priority-fencing-delay", {Kind::kDuration, {}}},
        {"remove-after-stop", {Kind::kBool, {}}},
        {"shutdown-escalation", {Kind::kDuration, {}}},
        {"shutdown-lock", {Kind::kBool, {}}},
        {"shutdown-lock-limit", {Kind::kDuration, {}}},
        {"start-failure-is-fatal", {Kind::kBool, {}}},
        {"startup-fencing", {Kind::kBool, {}}},
        {"stonith-action", {Kind::kEnum, {"reboot", "off", "poweroff"}}},
        {"stonith-enabled", {Kind::kBool, {}}},
        {"stonith-max-attempts", {Kind::kInt, {}}},
        {"stonith-timeout", {Kind::kDuration, {}}},
        {"stonith-watchdog-timeout", {Kind::kDuration, {}}},
        {"stop-all-resources", {Kind::kBool, {}}},
        {"stop-orphan-actions", {Kind::kBool, {}}},
        {"stop-orphan-resources", {Kind::kBool, {}}},
        {"symmetric-cluster", {Kind::kBool, {}}},
        {"transition-delay", {Kind::kDuration, {}}},
    };
    return table;
}

bool is_int(const std::string& v) {
    long long x = 0;
    const char* b = v.data();
    if (!v.empty() && v[0] == '+')
        ++b;
    auto [p, ec] = std::from_chars(b, v.data() + v.size(), x);
    return ec == std::errc() && p == v.data() + v.size() && b != p;
}

Status check_value(const std::string& name, const std::string& value, const Option& o) {
    switch (o.kind) {
        case Kind::kBool:
            if (!parse_bool(value))
                return Error{"property " + name + " '" + value +
                             "' is not a boolean; write true "
                             "or false"};
            break;
        case Kind::kInt:
            if (!is_int(value))
                return Error{"property " + name + " '" + value + "' is not an integer"};
            break;
        case Kind::kDuration:
            if (!parse_duration_ms(value))
                return Error{"property " + name + " '" + value +
                             "' is not a duration; write e.g. 15min, 60s or PT1M"};
            break;
        case Kind::kEnum:
            if (std::find(o.choices.begin(), o.choices.end(), value) == o.choices.end()) {
                std::string list;
                for (const auto& c : o.choices)
                    list += (list.empty() ? "" : ", ") + c;
                return Error{"property " + name + " '" + value + "' is not one of " + list};
            }
            break;
        case Kind::kText:
            break;
    }
    return ok_status();
}

xml::Node& bootstrap_set(xml::Node& cib) {
    xml::Node& crm_config = section(cib, "crm_config");
    return ensure_set(crm_config, "cluster_property_set", "cib-bootstrap-options");
}

// Sets pairs in the first meta_attributes of rsc_defaults / op_defaults.
Result<xml::Node> defaults_update(const xml::Node& cib_in, const NvList& pairs,
                                  const std::string& section_name, const std::string& set_id) {
    xml::Node cib = cib_in;
    if (pairs.empty())
        return Error{"nothing to set; write NAME=VALUE..."};
    for (const auto& [k, v] : pairs) {
        if (k.empty())
            return Error{"a default has an empty name; write NAME=VALUE"};
        if ((k == "resource-stickiness" || k == "migration-threshold" || k == "priority") &&
            !v.empty() && !Score::parse(v))
            return Error{k + " '" + v + "' is not a number or INFINITY"};
        if ((k == "failure-timeout" || k == "timeout" || k == "interval") && !v.empty() &&
            !parse_duration_ms(v))
            return Error{k + " '" + v + "' is not a duration; write e.g. 60s or 10min"};
    }
    xml::Node& sec = section(cib, section_name);
    xml::Node& set = ensure_set(sec, "meta_attributes", set_id);
    std::string id = set.attr("id");
    for (const auto& [k, v] : pairs) {
        xml::Node* s = section(cib, section_name).first_child("meta_attributes");
        bool exists = false;
        for (auto& c : s->children)
            exists = exists || (c.name == "nvpair" && c.attr("name") == k);
        std::string pid = (exists || v.empty()) ? "" : unique_id(cib, id + "-" + k);
        s = section(cib, section_name).first_child("meta_attributes");
        if (exists || v.empty()) {
            set_nvpair(*s, k, v, cib);
        } else {
            xml::Node pair("nvpair");
            pair.set_attr("id", pid);
            pair.set_attr("name", k);
            pair.set_attr("value", v);
            s->add_child(std::move(pair));
        }
    }
    return cib;
}

}  // namespace

const std::vector<std::string>& known_properties() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& [k, v] : options())
            out.push_back(k);
        return out;
    }();
    return names;
}

Result<xml::Node> property_set(const xml::Node& cib_in, const NvList& pairs, bool force) {
    xml::Node cib = cib_in;
    if (pairs.empty())
        return Error{"nothing to set; write NAME=VALUE..."};
    for (const auto& [k, v] : pairs) {
        auto it = options().find(k);
        if (it == options().end()) {
            if (force)
                continue;
            std::string near = closest(k, known_properties());
            return Error{"unknown property '" + k + "'" +
                         (near.empty() ? "" : "; did you mean '" + near + "'?") +
                         " (use --force to set it anyway)"};
        }
        if (!v.empty())
            if (auto s = check_value(k, v, it->second); !s)
                return Error{s.error()};
    }
    for (const auto& [k, v] : pairs) {
        xml::Node& set = bootstrap_set(cib);
        bool exists = false;
        for (auto& c : set.children)
            exists = exists || (c.name == "nvpair" && c.attr("name") == k);
        if (exists || v.empty()) {
            set_nvpair(set, k, v, cib);
            continue;
        }
        std::string pid = unique_id(cib, set.attr("id") + "-" + k);
        xml::Node pair("nvpair");
        pair.set_attr("id", pid);
        pair.set_attr("name", k);
        pair.set_attr("value", v);
        bootstrap_set(cib).add_child(std::move(pair));
    }
    return cib;
}

Result<xml::Node> property_unset(const xml::Node& cib_in, const std::vector<std::string>& names) {
    xml::Node cib = cib_in;
    if (names.empty())
        return Error{"name the properties to unset"};
    std::vector<std::string> present;
    if (const xml::Node* cc = find_section(cib, "crm_config"))
        for (const xml::Node* set : cc->children_named("cluster_property_set"))
            for (const xml::Node* p : set->children_named("nvpair"))
                present.push_back(p->attr("name"));
    for (const auto& n : names)
        if (std::find(present.begin(), present.end(), n) == present.end())
            return not_found("property set called", n, present);
    for (auto& set : section(cib, "crm_config").children)
        if (set.name == "cluster_property_set")
            for (const auto& n : names)
                set_nvpair(set, n, "", cib);
    return cib;
}

Result<xml::Node> rsc_defaults_update(const xml::Node& cib, const NvList& pairs) {
    return defaults_update(cib, pairs, "rsc_defaults", "build-resource-defaults");
}

Result<xml::Node> op_defaults_update(const xml::Node& cib, const NvList& pairs) {
    return defaults_update(cib, pairs, "op_defaults", "op-options");
}

Result<xml::Node> node_attribute(const xml::Node& cib_in, const std::vector<std::string>& nodes,
                                 const std::string& name, const std::string& value,
                                 const std::vector<std::pair<std::string, std::string>>& members) {
    xml::Node cib = cib_in;
    xml::Node& nodes_el = section(cib, "nodes");
    for (const auto& [id, uname] : members) {
        bool listed = false;
        for (const xml::Node* n : nodes_el.children_named("node"))
            listed = listed || n->attr("uname") == uname;
        if (listed || id.empty() || uname.empty())
            continue;
        xml::Node n("node");
        n.set_attr("id", id);
        n.set_attr("uname", uname);
        nodes_el.add_child(std::move(n));
    }
    std::vector<std::string> names;
    for (const xml::Node* n : nodes_el.children_named("node"))
        names.push_back(n->attr("uname"));
    if (names.empty())
        return Error{"the CIB lists no nodes yet; start the cluster first"};
    for (const auto& n : nodes)
        if (std::find(names.begin(), names.end(), n) == names.end())
            return not_found("node", n, names);
    for (auto& n : section(cib, "nodes").children) {
        if (n.name != "node")
            continue;
        if (!nodes.empty() && std::find(nodes.begin(), nodes.end(), n.attr("uname")) == nodes.end())
            continue;
        std::string set_id = "nodes-" + n.attr("id");
        xml::Node& set = ensure_set(n, "instance_attributes", set_id);
        bool exists = false;
        for (auto& c : set.children)
            exists = exists || (c.name == "nvpair" && c.attr("name") == name);
        if (exists || value.empty()) {
            set_nvpair(set, name, value, cib);
            continue;
        }
        xml::Node pair("nvpair");
        pair.set_attr("id", set.attr("id") + "-" + name);
        pair.set_attr("name", name);
        pair.set_attr("value", value);
        set.add_child(std::move(pair));
    }
    return cib;
}

xml::Node bump_epoch(const xml::Node& cib_in) {
    xml::Node cib = cib_in;
    long long epoch = 0;
    std::string e = cib.attr("epoch");
    std::from_chars(e.data(), e.data() + e.size(), epoch);
    cib.set_attr("epoch", std::to_string(epoch + 1));
    cib.set_attr("num_updates", "0");
    if (!cib.has_attr("admin_epoch"))
        cib.set_attr("admin_epoch", "0");
    return cib;
}

xml::Node empty_cib(const std::vector<std::string>& nodes) {
    xml::Node cib("cib");
    cib.set_attr("crm_feature_set", "3.16.2");
    cib.set_attr("validate-with", "pacemaker-3.9");
    cib.set_attr("epoch", "1");
    cib.set_attr("num_updates", "0");
    cib.set_attr("admin_epoch", "0");
    xml::Node& conf = cib.ensure_child("configuration");
    conf.ensure_child("crm_config");
    xml::Node& nodes_el = conf.ensure_child("nodes");
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        xml::Node n("node");
        n.set_attr("id", std::to_string(i + 1));
        n.set_attr("uname", nodes[i]);
        nodes_el.add_child(std::move(n));
    }
    conf.ensure_child("resources");
    conf.ensure_child("constraints");
    cib.ensure_child("status");
    return cib;
}

}  // namespace crm::edit
