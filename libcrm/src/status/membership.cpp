#include "crm/common/strings.h"
#include "crm/status/view.h"

namespace crm::status {

namespace {

// in_ccm and crmd hold "true"/"online" in older CIBs and a timestamp of the
// change in newer ones (Pacemaker 2.1.7+); "false"/"offline"/"0" mean gone.
bool flag_on(const std::string& v, const char* on_word) {
    if (v.empty())
        return false;
    if (v == on_word)
        return true;
    if (auto b = parse_bool(v))
        return *b;
    return v != "offline" && v != "0";
}

}  // namespace

Membership membership_from_cib(const cib::Cib& cib) {
    Membership m;
    m.from_file = true;
    for (const auto& n : cib.configuration.nodes) {
        MemberState s{n.uname, n.id, false};
        if (const cib::NodeState* ns = cib.status.find(n.uname)) {
            s.online = flag_on(ns->in_ccm, "true") && flag_on(ns->crmd, "online") &&
                       (ns->join.empty() || ns->join == "member");
        }
        if (!cib.dc_uuid.empty() && n.id == cib.dc_uuid)
            m.dc = n.uname;
        m.members.push_back(std::move(s));
    }
    if (auto q = parse_bool(cib.have_quorum))
        m.quorate = *q;
    return m;
}

}  // namespace crm::status
