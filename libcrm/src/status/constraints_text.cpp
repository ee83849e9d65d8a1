// Constraints and properties in pcs's layout (`vigil constraint list`,
// `vigil property list`, and their parts of `vigil config`).
#include <map>
#include <vector>

#include "crm/edit/common.h"
#include "crm/status/config_report.h"

namespace crm::status {

namespace {

std::string attr_or(const xml::Node& n, const char* name, const std::string& fallback) {
    std::string v = n.attr(name);
    return v.empty() ? fallback : v;
}

}  // namespace

std::string constraints_text(const xml::Node& cib) {
    const xml::Node* cons = edit::find_section(cib, "constraints");
    std::vector<const xml::Node*> loc, ord, col, other;
    if (cons)
        for (const auto& c : cons->children) {
            if (c.is_comment())
                continue;
            if (c.name == "rsc_location")
                loc.push_back(&c);
            else if (c.name == "rsc_order")
                ord.push_back(&c);
            else if (c.name == "rsc_colocation")
                col.push_back(&c);
            else
                other.push_back(&c);
        }
    std::string out = "Location Constraints:\n";
    std::map<std::string, std::vector<const xml::Node*>> by_rsc;
    for (const auto* l : loc)
        by_rsc[l->attr("rsc")].push_back(l);
    for (const auto& [rsc, list] : by_rsc) {
        out += "  Resource: " + rsc + "\n";
        for (const auto* l : list) {
            if (!l->has_attr("node")) {
                out += "    (rule or set) (id:" + l->attr("id") + ")\n";
                continue;
            }
            std::string score = l->attr("score");
            bool negative = !score.empty() && score[0] == '-';
            out += std::string("    ") + (negative ? "Disabled on" : "Enabled on") + ": " +
                   l->attr("node") + " (score:" + score + ")" +
                   (l->has_attr("role") ? " (role:" + l->attr("role") + ")" : "") +
                   " (id:" + l->attr("id") + ")\n";
        }
    }
    out += "Ordering Constraints:\n";
    for (const auto* o : ord) {
        std::string fa = attr_or(*o, "first-action", "start");
        std::string ta = attr_or(*o, "then-action", fa);
        out += "  " + fa + " " + o->attr("first") + " then " + ta + " " + o->attr("then") +
               " (kind:" + attr_or(*o, "kind", "Mandatory") + ")" +
               (o->has_attr("symmetrical") ? " (symmetrical:" + o->attr("symmetrical") + ")" : "") +
               " (id:" + o->attr("id") + ")\n";
    }
    out += "Colocation Constraints:\n";
    for (const auto* c : col)
        out += "  " + c->attr("rsc") + " with " + c->attr("with-rsc") +
               " (score:" + c->attr("score") + ") (id:" + c->attr("id") + ")\n";
    if (!other.empty()) {
        out += "Other Constraints:\n";
        for (const auto* o : other)
            out += "  " + o->name + " (id:" + o->attr("id") + ")\n";
    }
    return out;
}

std::string properties_text(const xml::Node& cib) {
    std::string out = "Cluster Properties:\n";
    if (const xml::Node* cc = edit::find_section(cib, "crm_config"))
        for (const auto* set : cc->children_named("cluster_property_set"))
            for (const auto* p : set->children_named("nvpair"))
                out += "  " + p->attr("name") + ": " + p->attr("value") + "\n";
    return out;
}

}  // namespace crm::status
