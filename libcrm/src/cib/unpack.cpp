// The entry point: <cib> XML -> typed view.
#include <fmt/format.h>

#include "unpack_util.h"

namespace crm::cib {
namespace {

std::int64_t version_part(const xml::Node& cib, const char* name) {
    auto v = detail::parse_int(cib.attr(name));
    return v ? *v : 0;
}

// Pacemaker lets an element stand in for another of the same kind with
// id-ref="X" (an nvpair, a set, a rule). The typed view holds the referenced
// content in its place, so readers never see a reference.
crm::Status resolve_id_refs(xml::Node& n, const xml::Node& root, int depth = 0) {
    for (auto& c : n.children) {
        const std::string* ref = c.find_attr("id-ref");
        if (ref && c.name != "resource_ref") {
            const xml::Node* target = root.find_by_id(*ref);
            if (!target || target->name != c.name || depth > 32) {
                return Error{
                    fmt::format("<{} id-ref=\"{}\">: no <{}> with that id", c.name, *ref, c.name)};
            }
            c = *target;
        }
        auto st = resolve_id_refs(c, root, depth + 1);
        if (!st)
            return st;
    }
    return ok_status();
}

// Whether resolve_id_refs() has anything to replace below n.
bool has_id_refs(const xml::Node& n) {
    for (const auto& c : n.children)
        if ((c.name != "resource_ref" && c.has_attr("id-ref")) || has_id_refs(c))
            return true;
    return false;
}

}  // namespace

Result<Cib> unpack(const xml::Node& original) {
    // References are resolved in a copy; most CIBs have none, and copying
    // the whole tree (status included) for nothing was a tenth of the time
    // `vigil simulate` took on a large one.
    const bool refs = has_id_refs(original);
    xml::Node resolved;
    if (refs) {
        resolved = original;
        if (auto st = resolve_id_refs(resolved, original); !st)
            return Error{st.error()};
    }
    const xml::Node& cib_xml = refs ? resolved : original;
    if (cib_xml.name != "cib") {
        return Error{fmt::format("root element is <{}>, expected <cib>", cib_xml.name)};
    }
    Cib out;
    out.version.admin_epoch = version_part(cib_xml, "admin_epoch");
    out.version.epoch = version_part(cib_xml, "epoch");
    out.version.num_updates = version_part(cib_xml, "num_updates");
    out.validate_with = cib_xml.attr("validate-with");
    out.crm_feature_set = cib_xml.attr("crm_feature_set");
    out.have_quorum = cib_xml.attr("have-quorum");
    out.no_quorum_panic = cib_xml.attr("no-quorum-panic");
    out.dc_uuid = cib_xml.attr("dc-uuid");

    const xml::Node* config = cib_xml.first_child("configuration");
    if (!config)
        return Error{"<cib> has no <configuration> section"};
    Configuration& c = out.configuration;

    for (const auto& section : config->children) {
        if (section.is_comment())
            continue;
        if (section.name == "crm_config") {
            auto sets = detail::unpack_nvsets(section, "cluster_property_set");
            if (!sets)
                return Error{fmt::format("crm_config: {}", sets.error())};
            c.crm_config = std::move(*sets);
        } else if (section.name == "rsc_defaults" || section.name == "op_defaults") {
            auto sets = detail::unpack_nvsets(section, "meta_attributes");
            if (!sets)
                return Error{fmt::format("{}: {}", section.name, sets.error())};
            (section.name == "rsc_defaults" ? c.rsc_defaults : c.op_defaults) = std::move(*sets);
        } else if (section.name == "nodes") {
            for (const xml::Node* n : section.children_named("node")) {
                ClusterNode node;
                node.id = n->attr("id");
                node.uname = n->attr("uname");
                node.type = n->attr("type");
                node.description = n->attr("description");
                auto inst = detail::unpack_nvsets(*n, "instance_attributes");
                if (!inst)
                    return Error{fmt::format("node '{}': {}", node.uname, inst.error())};
                node.instance_attributes = std::move(*inst);
                auto util = detail::unpack_nvsets(*n, "utilization");
                if (!util)
                    return Error{fmt::format("node '{}': {}", node.uname, util.error())};
                node.utilization = std::move(*util);
                if (node.type == "remote")
                    c.unsupported.push_back("node " + node.uname + " (remote)");
                c.nodes.push_back(std::move(node));
            }
        } else if (section.name == "resources") {
            for (const auto& r : section.children) {
                if (r.is_comment())
                    continue;
                if (r.name == "template" || r.name == "bundle") {
                    c.unsupported.push_back(fmt::format("{} {}", r.name, r.attr("id")));
                    continue;
                }
                auto res = detail::unpack_resource(r, c.unsupported);
                if (!res)
                    return Error{res.error()};
                c.resources.push_back(std::move(*res));
            }
        } else if (section.name == "constraints") {
            auto st = detail::unpack_constraints(section, c);
            if (!st)
                return Error{st.error()};
        } else {
            // fencing-topology, acls, tags, alerts: kept in the XML, not modelled.
            c.unsupported.push_back(section.name);
        }
    }

    if (const xml::Node* status = cib_xml.first_child("status")) {
        auto st = detail::unpack_status(*status);
        if (!st)
            return Error{st.error()};
        out.status = std::move(*st);
    }
    return out;
}

}  // namespace crm::cib
