// Node capacity for placement-strategy utilization/minimal/balanced: room
// left for a resource's needs, and which node has more free capacity.
#include "placement_parts.h"

namespace crm::scheduler::detail {

namespace {

long long free_of(const Node& node, const std::string& attr) {
    auto cap = node.capacity.find(attr);
    long long have = cap == node.capacity.end() ? 0 : cap->second;
    auto used = node.used.find(attr);
    if (used != node.used.end())
        have -= used->second;
    return have;
}

}  // namespace

bool has_room(const Node& node, const std::map<std::string, long long>& need) {
    for (auto& [k, v] : need)
        if (free_of(node, k) < v)
            return false;
    return true;
}

int compare_free_capacity(const Node& a, const Node& b) {
    int r = 0;
    for (auto& [k, cap] : a.capacity) {
        long long fa = free_of(a, k);
        long long fb = free_of(b, k);
        if (fa > fb)
            r++;
        else if (fa < fb)
            r--;
    }
    return r;
}

}  // namespace crm::scheduler::detail
