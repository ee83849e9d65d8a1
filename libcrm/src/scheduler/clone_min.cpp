// clone-min and require-all=false: an order whose first is a clone counted
// by instances rather than waiting on the clone as a whole.
#include "clone_min.h"

#include <cctype>
#include <charconv>

#include "crm/common/strings.h"

namespace crm::scheduler::detail {

Result<int> parse_clone_min(const std::string& text, const std::string& clone_id) {
    std::string_view t = trim(text);
    if (t.empty())
        return 0;
    // A plain count only: Pacemaker reads "INFINITY" or "abc" as 0 and
    // "2.5" as 2, which silently changes what an order waits for.
    int n = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (ec != std::errc() || end != t.data() + t.size() || n < 0)
        return Error{"clone-min on clone '" + clone_id + "' is '" + text +
                     "': expected a whole number of instances (0 or more)"};
    return n;
}

int required_instances(const OrderRule& o) {
    if (!o.any_of.empty())
        return 1;
    if (!o.first || o.first->kind != Kind::Clone)
        return 0;
    if (o.first->clone_min > 0)
        return o.first->clone_min;
    return o.require_all ? 0 : 1;
}

}  // namespace crm::scheduler::detail
