#include "placement.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "crm/cib/cib.h"
#include "crm/edit/common.h"
#include "crm/scheduler/scheduler.h"

namespace vigil {

namespace {

void primitives_under(const crm::xml::Node& n, std::vector<std::string>& out) {
    if (n.name == "primitive")
        out.push_back(n.attr("id"));
    for (const auto& c : n.children)
        if (crm::edit::is_resource_element(c.name))
            primitives_under(c, out);
}

}  // namespace

crm::Result<std::vector<std::string>> planned_nodes(const crm::xml::Node& cib,
                                                    const std::string& resource) {
    const crm::xml::Node* el = crm::edit::find_resource(cib, resource);
    if (!el)
        return crm::edit::not_found("resource", resource, crm::edit::resource_ids(cib));
    std::vector<std::string> prims;
    primitives_under(*el, prims);
    auto typed = crm::cib::unpack(cib);
    if (!typed)
        return crm::Error{typed.error()};
    crm::scheduler::Options options;
    options.now = static_cast<std::int64_t>(std::time(nullptr));
    auto t = crm::scheduler::schedule(*typed, options);
    if (!t)
        return crm::Error{t.error()};
    // A node counts when every primitive of the resource is placed there
    // (a group is somewhere only when all of it is); clone instances are
    // named "clone:primitive".
    std::map<std::string, std::size_t> count;
    for (const auto& p : t->next) {
        std::string name = p.resource.substr(
            p.resource.find(':') == std::string::npos ? 0 : p.resource.find(':') + 1);
        if (p.role == crm::scheduler::Role::Stopped)
            continue;
        if (std::find(prims.begin(), prims.end(), name) != prims.end())
            ++count[p.node];
    }
    std::vector<std::string> out;
    for (const auto& [node, n] : count)
        if (n >= prims.size())
            out.push_back(node);
    return out;
}

}  // namespace vigil
