#include "fence_record.h"

#include <algorithm>

namespace vigild {

namespace xml = crm::xml;

bool record_fence(xml::Node& cib, const FenceRecord& r) {
    xml::Node& status = cib.ensure_child("status");
    xml::Node* ns = nullptr;
    for (auto& c : status.children) {
        if (c.name == "node_state" && c.attr("uname") == r.target)
            ns = &c;
    }
    if (!ns) {
        xml::Node fresh("node_state");
        fresh.set_attr("id", r.target_id.empty() ? r.target : r.target_id);
        fresh.set_attr("uname", r.target);
        ns = &status.add_child(std::move(fresh));
    }
    const xml::Node before = *ns;
    if (r.ok) {
        ns->set_attr("in_ccm", "false");
        ns->set_attr("crmd", "offline");
        ns->set_attr("join", "down");
        ns->set_attr("expected", "down");
        // Whatever ran there was stopped by the power switch.
        xml::Node& lrm = ns->ensure_child("lrm");
        if (!lrm.has_attr("id"))
            lrm.set_attr("id", ns->attr("id"));
        lrm.ensure_child("lrm_resources").children.clear();
        // Transient attributes (fail counts, reboot-lifetime attributes)
        // die with the node's run, as in Pacemaker.
        std::erase_if(ns->children,
                      [](const xml::Node& c) { return c.name == "transient_attributes"; });
        ns->remove_attr("vigil-fence-detail");
    } else {
        ns->set_attr("vigil-fence-detail", r.detail.empty() ? "unknown failure" : r.detail);
    }
    ns->set_attr("vigil-fenced-at", std::to_string(r.at));
    ns->set_attr("vigil-fence-result", r.ok ? "ok" : "failed");
    ns->set_attr("vigil-fence-action", r.action);
    ns->set_attr("vigil-fence-device", r.device);
    ns->set_attr("vigil-fence-by", r.by);
    return !(*ns == before);
}

}  // namespace vigild
