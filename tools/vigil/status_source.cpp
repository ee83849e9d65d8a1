#include "status_source.h"

#include <cstdio>

#include "cli.h"
#include "crm/cib/cib.h"
#include "crm/edit/common.h"
#include "crm/status/render.h"

namespace vigil {

int load_view(crm::status::ClusterView& view, CibSource& source) {
    if (int rc = load_cib(source, true); rc != kExitOk)
        return rc;
    auto typed = crm::cib::unpack(source.cib);
    if (!typed)
        return fail(kExitInvalidConfig, "the CIB cannot be read: " + typed.error());
    crm::status::Membership m;
    if (source.status) {
        const auto& s = *source.status;
        m.cluster_name = s.cluster_name;
        m.dc = s.dc;
        m.quorate = s.quorate;
        m.local_node = s.local_node;
        for (const auto& mem : s.members)
            m.members.push_back({mem.uname, std::to_string(mem.id), mem.online});
    } else {
        m = crm::status::membership_from_cib(*typed);
        m.source = source.file;
    }
    view = crm::status::build_view(*typed, m, crm::status::describe_last_change(source.cib));
    view.fence_history = crm::status::fence_history(source.cib);
    return kExitOk;
}

crm::Result<std::vector<std::string>> current_nodes(const std::string& resource) {
    CibSource src;
    crm::status::ClusterView view;
    if (int rc = load_view(view, src); rc != kExitOk)
        return crm::Error{"cannot tell where '" + resource + "' runs"};
    if (!crm::edit::find_resource(src.cib, resource))
        return crm::edit::not_found("resource", resource, crm::edit::resource_ids(src.cib));
    return crm::status::active_nodes(view, resource);
}

int print_resource_status() {
    CibSource src;
    crm::status::ClusterView view;
    if (int rc = load_view(view, src); rc != kExitOk)
        return rc;
    crm::status::TextOptions o;
    o.resources_only = true;
    std::printf("%s", crm::status::render_text(view, o).c_str());
    return kExitOk;
}

}  // namespace vigil
