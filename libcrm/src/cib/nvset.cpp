#include "crm/cib/nvset.h"

#include <algorithm>

namespace crm::cib {
namespace {

// Sets without a rule, in Pacemaker's precedence: higher score first, then
// document order.
std::vector<const NvSet*> applicable(const std::vector<NvSet>& sets) {
    std::vector<const NvSet*> out;
    for (const auto& s : sets)
        if (!s.rule)
            out.push_back(&s);
    std::stable_sort(out.begin(), out.end(), [](const NvSet* a, const NvSet* b) {
        return a->score.value_or(0) > b->score.value_or(0);
    });
    return out;
}

}  // namespace

std::map<std::string, std::string> flatten(const std::vector<NvSet>& sets) {
    std::map<std::string, std::string> out;
    for (const NvSet* s : applicable(sets))
        for (const auto& p : s->pairs)
            if (p.value != "#default")
                out.emplace(p.name, p.value);  // first wins
    return out;
}

std::optional<std::string> lookup(const std::vector<NvSet>& sets, const std::string& name) {
    for (const NvSet* s : applicable(sets))
        for (const auto& p : s->pairs)
            if (p.name == name) {
                if (p.value == "#default")
                    return std::nullopt;
                return p.value;
            }
    return std::nullopt;
}

}  // namespace crm::cib
