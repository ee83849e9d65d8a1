#include "transition_preview.h"

#include <ctime>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"

namespace vigil {

std::string transition_preview(const crm::xml::Node& before, const crm::xml::Node& after) {
    auto typed = crm::cib::unpack(after);
    if (!typed)
        return "transition: not computed: " + typed.error() + "\n";
    crm::scheduler::Options options;
    options.now = static_cast<std::int64_t>(std::time(nullptr));
    // The status section is the same before and after a configuration change,
    // so scheduling the new CIB shows exactly what the change would cause.
    (void)before;
    auto t = crm::scheduler::schedule(*typed, options);
    if (!t)
        return "transition: not computed: " + t.error() + "\n";
    std::string summary = crm::scheduler::human_summary(*t);
    if (t->summary.empty())
        return "Transition Summary: nothing would start, stop or move\n";
    return summary;
}

}  // namespace vigil
