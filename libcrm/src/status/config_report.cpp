// `vigil config`: the configuration in pcs's layout, section by section.
#include "crm/status/config_report.h"

#include "crm/edit/common.h"

namespace crm::status {

namespace {

// "Attributes: ID" then one "k=v" line per nvpair, for each set of the kind.
void nv_sets(std::string& out, const xml::Node& el, const char* set_name, const char* title,
             const std::string& indent) {
    for (const auto* set : el.children_named(set_name)) {
        out += indent + title + ": " + set->attr("id") + "\n";
        for (const auto* p : set->children_named("nvpair"))
            out += indent + "  " + p->attr("name") + "=" + p->attr("value") + "\n";
    }
}

void operations(std::string& out, const xml::Node& prim, const std::string& indent) {
    const xml::Node* ops = prim.first_child("operations");
    if (!ops)
        return;
    auto list = ops->children_named("op");
    if (list.empty())
        return;
    out += indent + "Operations:\n";
    for (const auto* op : list) {
        out += indent + "  " + op->attr("name") + ": " + op->attr("id") + "\n";
        std::string line;
        for (const char* k : {"interval", "timeout", "role", "on-fail", "start-delay",
                              "interval-origin", "record-pending", "enabled"})
            if (op->has_attr(k))
                line += std::string(line.empty() ? "" : " ") + k + "=" + op->attr(k);
        if (!line.empty())
            out += indent + "    " + line + "\n";
        for (const auto* set : op->children_named("meta_attributes"))
            for (const auto* p : set->children_named("nvpair"))
                out += indent + "    " + p->attr("name") + "=" + p->attr("value") + "\n";
    }
}

void primitive(std::string& out, const xml::Node& p, const std::string& indent) {
    std::string agent = "class=" + p.attr("class");
    if (p.has_attr("provider"))
        agent += " provider=" + p.attr("provider");
    agent += " type=" + p.attr("type");
    out += indent + "Resource: " + p.attr("id") + " (" + agent + ")\n";
    nv_sets(out, p, "instance_attributes", "Attributes", indent + "  ");
    nv_sets(out, p, "meta_attributes", "Meta Attributes", indent + "  ");
    operations(out, p, indent + "  ");
}

void resource(std::string& out, const xml::Node& r, const std::string& indent) {
    if (r.name == "primitive") {
        primitive(out, r, indent);
        return;
    }
    const char* title = r.name == "group" ? "Group" : r.name == "clone" ? "Clone" : "Bundle";
    out += indent + title + ": " + r.attr("id") + "\n";
    nv_sets(out, r, "meta_attributes", "Meta Attributes", indent + "  ");
    for (const auto& c : r.children)
        if (edit::is_resource_element(c.name))
            resource(out, c, indent + "  ");
}

void defaults(std::string& out, const xml::Node& cib, const char* section, const char* title) {
    out += std::string(title) + ":\n";
    const xml::Node* d = edit::find_section(cib, section);
    std::string body;
    if (d)
        nv_sets(body, *d, "meta_attributes", "Meta Attrs", "  ");
    out += body.empty() ? "  No defaults set\n" : body;
}

}  // namespace

std::string config_report(const xml::Node& cib) {
    std::string out;
    std::string name;
    if (const xml::Node* cc = edit::find_section(cib, "crm_config"))
        for (const auto* set : cc->children_named("cluster_property_set"))
            for (const auto* p : set->children_named("nvpair"))
                if (p->attr("name") == "cluster-name")
                    name = p->attr("value");
    out += "Cluster Name: " + name + "\n";
    out += "Nodes:\n";
    std::string nodes;
    if (const xml::Node* ns = edit::find_section(cib, "nodes"))
        for (const auto* n : ns->children_named("node"))
            nodes += " " + n->attr("uname");
    out += nodes.empty() ? "  none recorded\n" : " " + nodes + "\n";

    // Stonith primitives at the top level are listed as devices, as pcs
    // does; a cloned one stays with the resources.
    std::string resources, stonith;
    if (const xml::Node* rs = edit::find_section(cib, "resources"))
        for (const auto& r : rs->children) {
            if (!edit::is_resource_element(r.name))
                continue;
            if (r.name == "primitive" && r.attr("class") == "stonith")
                primitive(stonith, r, "  ");
            else
                resource(resources, r, "  ");
        }
    out += "\nResources:\n" + (resources.empty() ? "  No resources\n" : resources);
    out += "\nStonith Devices:\n" + (stonith.empty() ? "  No stonith devices\n" : stonith);
    out += "Fencing Levels:\n";
    std::string levels;
    if (const xml::Node* ft = edit::find_section(cib, "fencing-topology"))
        for (const auto* l : ft->children_named("fencing-level"))
            levels += "  Target: " + l->attr("target") + "\n    Level " + l->attr("index") + " - " +
                      l->attr("devices") + " (id:" + l->attr("id") + ")\n";
    out += levels.empty() ? "  No fencing levels\n" : levels;

    out += "\n" + constraints_text(cib);
    out += "\n";
    defaults(out, cib, "rsc_defaults", "Resources Defaults");
    defaults(out, cib, "op_defaults", "Operations Defaults");
    out += "\n" + properties_text(cib);
    return out;
}

}  // namespace crm::status
