// Fail counts from a node's transient attributes (fail-count-*,
// last-failure-*), and the ones of resources without history on the node.
#include "node_failures.h"

#include <algorithm>
#include <cstdlib>

#include "crm/common/strings.h"

namespace crm::scheduler::detail {

namespace {

// Dotted version a < b ("3.0.9" < "3.0.13"); a missing version is the oldest.
bool version_before(const std::string& a, const std::string& b) {
    auto pa = split(a, '.');
    auto pb = split(b, '.');
    for (size_t i = 0; i < std::max(pa.size(), pb.size()); ++i) {
        long x = i < pa.size() ? std::strtol(pa[i].c_str(), nullptr, 10) : 0;
        long y = i < pb.size() ? std::strtol(pb[i].c_str(), nullptr, 10) : 0;
        if (x != y)
            return x < y;
    }
    return a.empty() && !b.empty();
}

long long failcount_value(const std::string& v) {
    if (auto s = Score::parse(v))
        return s->value();
    return 0;
}

}  // namespace

std::string base_id(const std::string& id) {
    auto c = id.rfind(':');
    return c == std::string::npos ? id : id.substr(0, c);
}

NodeFailures read_node_failures(const Node& node, const WorkingSet& ws, const std::string& fs) {
    NodeFailures out;
    // CIBs from before feature set 3.0.13 name fail counts per resource
    // ("fail-count-rsc"), later ones per operation ("fail-count-rsc#op_0");
    // Pacemaker reads only the form of the CIB's own feature set. (A CIB
    // without a feature set, which Pacemaker takes as the oldest, is
    // read in both forms here: vigild's own test CIBs may lack one.)
    bool per_op_only = !fs.empty() && !version_before(fs, "3.0.13");
    bool legacy_only = !fs.empty() && !per_op_only;
    for (auto& [k, v] : node.attrs) {
        bool per_op = k.find('#') != std::string::npos;
        if ((per_op && legacy_only) || (!per_op && per_op_only))
            continue;
        if (k.rfind("last-failure-", 0) == 0) {
            std::string rest = k.substr(13);
            rest = rest.substr(0, rest.find('#'));
            // A time (epoch seconds), not a score: no INFINITY cap.
            std::int64_t when = std::strtoll(v.c_str(), nullptr, 10);
            out.exact_last[rest] = std::max(out.exact_last[rest], when);
            std::int64_t& l = out.last[base_id(rest)];
            l = std::max(l, when);
            if (!ws.by_id.count(base_id(rest)) && ws.by_id.count(rest))
                out.last[rest] = l;
            continue;
        }
        if (k.rfind("fail-count-", 0) != 0)
            continue;
        std::string rest = k.substr(11);
        rest = rest.substr(0, rest.find('#'));
        out.exact_fails[rest] =
            std::min<long long>(Score::kInfinity, out.exact_fails[rest] + failcount_value(v));
        long long& f = out.fails[base_id(rest)];
        f = std::min<long long>(Score::kInfinity, f + failcount_value(v));
        if (!ws.by_id.count(base_id(rest)) && ws.by_id.count(rest))
            out.fails[rest] = f;
    }
    return out;
}

void count_unrecorded_failures(const NodeFailures& f, int node, const std::set<Rsc*>& recorded,
                               const std::vector<Rsc*>& prims, WorkingSet& ws) {
    if (f.fails.empty() && f.exact_fails.empty())
        return;  // no fail count on this node (the usual case): nothing to look for
    for (Rsc* p : prims) {
        if (!p->prim || p->orphan)
            continue;
        Rsc* clone = p->clone_ancestor();
        bool exact = clone && clone->unique;
        const std::string& key = exact ? p->id : p->prim->id;
        const auto& counts = exact ? f.exact_fails : f.fails;
        auto c = counts.find(key);
        // The node's few counts are looked at before the set of histories.
        if (c == counts.end() || c->second <= 0 || recorded.count(p))
            continue;
        // Without a history the failure expires only by its recorded time.
        const auto& stamps = exact ? f.exact_last : f.last;
        auto st = stamps.find(key);
        if (p->failure_timeout > 0 && st != stamps.end() && st->second > 0) {
            std::int64_t when = st->second + p->failure_timeout;
            if (when <= ws.now)
                continue;
            ws.expires_at(when);
        }
        p->failcount[node] = static_cast<int>(c->second);
    }
}

}  // namespace crm::scheduler::detail
