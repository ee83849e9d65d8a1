// Fencing history for `vigil status`: vigild records the outcome of the
// last fencing of a node as vigil-fence-* attributes on its node_state.
#include <algorithm>
#include <charconv>

#include "crm/status/view.h"

namespace crm::status {

std::vector<FenceEvent> fence_history(const xml::Node& cib_xml) {
    std::vector<FenceEvent> out;
    const xml::Node* status = cib_xml.first_child("status");
    if (!status)
        return out;
    for (const xml::Node* ns : status->children_named("node_state")) {
        const std::string result = ns->attr("vigil-fence-result");
        if (result.empty())
            continue;
        FenceEvent e;
        e.target = ns->attr("uname");
        e.action = ns->attr("vigil-fence-action");
        e.device = ns->attr("vigil-fence-device");
        e.by = ns->attr("vigil-fence-by");
        e.ok = result == "ok";
        e.detail = ns->attr("vigil-fence-detail");
        const std::string at = ns->attr("vigil-fenced-at");
        std::from_chars(at.data(), at.data() + at.size(), e.at);  // 0 when unreadable
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const FenceEvent& a, const FenceEvent& b) { return a.at > b.at; });
    return out;
}

}  // namespace crm::status
