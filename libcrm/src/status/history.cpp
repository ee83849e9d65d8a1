#include "history.h"

#include <algorithm>

namespace crm::status::detail {

namespace {

constexpr int kOcfOk = 0;
constexpr int kOcfNotRunning = 7;
constexpr int kOcfRunningPromoted = 8;
constexpr int kStatusPending = -1;
constexpr int kStatusDone = 0;
constexpr int kStatusCancelled = 1;

}  // namespace

bool is_failure(const cib::LrmRscOp& op) {
    if (op.op_status == kStatusPending || op.op_status == kStatusCancelled)
        return false;
    if (op.op_status != kStatusDone)
        return true;  // timed out, error, not installed...
    if (op.operation == "monitor") {
        if (op.interval_ms == 0)  // a probe may find any state
            return op.rc_code != kOcfOk && op.rc_code != kOcfNotRunning &&
                   op.rc_code != kOcfRunningPromoted;
        return op.rc_code != kOcfOk && op.rc_code != kOcfRunningPromoted;
    }
    if (op.operation == "notify" || op.operation == "meta-data")
        return false;
    return op.rc_code != kOcfOk;
}

HistoryState replay(const std::vector<cib::LrmRscOp>& ops_in) {
    std::vector<const cib::LrmRscOp*> ops;
    for (const auto& o : ops_in)
        ops.push_back(&o);
    // Pending ops carry call-id -1 but are the newest.
    std::stable_sort(ops.begin(), ops.end(), [](const cib::LrmRscOp* a, const cib::LrmRscOp* b) {
        auto key = [](const cib::LrmRscOp* o) {
            return o->op_status == kStatusPending ? 0x7fffffff : o->call_id;
        };
        return key(a) < key(b);
    });
    HistoryState st;
    for (const cib::LrmRscOp* op : ops) {
        bool failure = is_failure(*op);
        if (op->op_status == kStatusPending) {
            if (op->operation == "start" || op->operation == "migrate_from")
                st.role = "Starting";
            if (op->operation == "stop")
                st.role = "Stopping";
            if (op->operation == "promote")
                st.role = "Promoting";
            if (op->operation == "demote")
                st.role = "Demoting";
            continue;
        }
        if (op->operation == "monitor" && op->interval_ms > 0) {
            // A recurring monitor that failed means the resource must be
            // recovered; "not running" means it is stopped but failed.
            if (failure) {
                st.failed = true;
                if (op->rc_code == kOcfNotRunning)
                    st.role = "Stopped";
            }
            continue;
        }
        if (op->operation == "start" || op->operation == "migrate_from") {
            st.role = "Started";
            st.failed = failure;
        } else if (op->operation == "stop" || op->operation == "migrate_to") {
            if (failure) {
                st.failed = true;  // a failed stop leaves it active (and blocked)
            } else {
                st.role = "Stopped";
                st.failed = false;
            }
        } else if (op->operation == "promote") {
            st.role = "Promoted";
            st.failed = failure;
        } else if (op->operation == "demote") {
            st.role = "Unpromoted";
            st.failed = failure;
        } else if (op->operation == "monitor") {  // probe
            if (op->rc_code == kOcfOk) {
                st.role = "Started";
                st.failed = false;
            } else if (op->rc_code == kOcfNotRunning) {
                st.role = "Stopped";
                st.failed = false;
            } else if (op->rc_code == kOcfRunningPromoted) {
                st.role = "Promoted";
                st.failed = false;
            } else {
                st.role = "Started";
                st.failed = true;
            }
        }
    }
    return st;
}

}  // namespace crm::status::detail
