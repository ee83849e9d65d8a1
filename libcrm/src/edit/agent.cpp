#include <string>

#include "crm/common/strings.h"
#include "crm/edit/resource_edit.h"

namespace crm::edit {

Result<Agent> parse_agent(std::string_view text) {
    std::vector<std::string> parts = split(text, ':');
    auto usage = [&](const std::string& why) {
        return Error{"agent '" + std::string(text) + "' " + why +
                     "; write CLASS:PROVIDER:TYPE such as ocf:heartbeat:IPaddr2, "
                     "or CLASS:TYPE such as systemd:nginx or stonith:fence_xvm"};
    };
    for (const auto& p : parts)
        if (p.empty())
            return usage("has an empty part");
    Agent a;
    if (parts.size() == 1) {
        // pcs accepts a bare type when it is an OCF heartbeat agent; so do we.
        a = {"ocf", "heartbeat", parts[0]};
    } else if (parts.size() == 2) {
        a = {parts[0], "", parts[1]};
        if (a.cls == "ocf")
            return usage("names no provider");
    } else if (parts.size() == 3) {
        a = {parts[0], parts[1], parts[2]};
        if (a.cls != "ocf")
            return usage("has a provider, which only class ocf takes");
    } else {
        return usage("has too many parts");
    }
    static const char* const kClasses[] = {"ocf",     "stonith", "lsb",   "systemd",
                                           "service", "upstart", "nagios"};
    bool known = false;
    for (const char* c : kClasses)
        known = known || a.cls == c;
    if (!known)
        return usage("has unknown class '" + a.cls +
                     "' (known: ocf, stonith, lsb, systemd, service, upstart, nagios)");
    return a;
}

}  // namespace crm::edit
