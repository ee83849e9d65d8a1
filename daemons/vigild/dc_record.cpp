#include "dc_record.h"

#include "cib_property.h"

#ifndef VIGIL_VERSION
#error "VIGIL_VERSION must be defined by the build"
#endif

namespace vigild {

namespace xml = crm::xml;

ClusterRecord cluster_record(std::vector<std::pair<std::string, std::string>> nodes,
                             const std::string& cluster_name) {
    ClusterRecord r;
    r.nodes = std::move(nodes);
    r.properties = {
        {"dc-version", std::string("vigil-") + VIGIL_VERSION},
        {"cluster-infrastructure", "corosync"},
        {"have-watchdog", "false"},  // Vigil does not use sbd
    };
    if (!cluster_name.empty())
        r.properties.emplace_back("cluster-name", cluster_name);
    return r;
}

namespace {

// A fresh id for an element: `want`, or want-2, want-3 ... if taken. Ids
// are unique within the configuration (the status reuses node ids freely).
std::string free_id(const xml::Node& config, const std::string& want) {
    std::string id = want;
    for (int n = 2; config.find_by_id(id); ++n)
        id = want + "-" + std::to_string(n);
    return id;
}

bool set_property(xml::Node& config, xml::Node& crm_config, const std::string& name,
                  const std::string& value) {
    for (auto& set : crm_config.children) {
        if (set.name != "cluster_property_set")
            continue;
        for (auto& nv : set.children) {
            if (nv.name != "nvpair" || nv.attr("name") != name)
                continue;
            if (nv.attr("value") == value)
                return false;
            nv.set_attr("value", value);
            return true;
        }
    }
    xml::Node* target = nullptr;
    for (auto& set : crm_config.children) {
        if (set.name == "cluster_property_set" && set.attr("id") == "cib-bootstrap-options")
            target = &set;
    }
    if (!target) {
        xml::Node set("cluster_property_set");
        set.set_attr("id", free_id(config, "cib-bootstrap-options"));
        crm_config.children.insert(crm_config.children.begin(), std::move(set));
        target = &crm_config.children.front();
    }
    xml::Node nv("nvpair");
    nv.set_attr("id", free_id(config, target->attr("id") + "-" + name));
    nv.set_attr("name", name);
    nv.set_attr("value", value);
    target->add_child(std::move(nv));
    return true;
}

}  // namespace

void keep_dc_properties(const xml::Node& current, xml::Node& next) {
    for (const char* name :
         {"dc-version", "cluster-infrastructure", "cluster-name", "have-watchdog"}) {
        const xml::Node* had = find_property(current, name);
        if (!had || find_property(next, name))
            continue;
        xml::Node& config = next.ensure_child("configuration");
        set_property(config, config.ensure_child("crm_config"), name, had->attr("value"));
    }
}

bool apply_cluster_record(xml::Node& cib, const ClusterRecord& r) {
    bool changed = false;
    xml::Node& config = cib.ensure_child("configuration");
    xml::Node& nodes = config.ensure_child("nodes");
    for (const auto& [id, uname] : r.nodes) {
        if (id.empty() || uname.empty())
            continue;
        bool known = false;
        for (const auto& n : nodes.children) {
            known = known || (n.name == "node" && (n.attr("uname") == uname || n.attr("id") == id));
        }
        if (known || config.find_by_id(id))
            continue;  // an id used by something else is not taken over
        xml::Node node("node");
        node.set_attr("id", id);
        node.set_attr("uname", uname);
        nodes.add_child(std::move(node));
        changed = true;
    }
    xml::Node& crm_config = config.ensure_child("crm_config");
    for (const auto& [name, value] : r.properties)
        changed = set_property(config, crm_config, name, value) || changed;
    return changed;
}

}  // namespace vigild
