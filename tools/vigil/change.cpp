#include "change.h"

#include <cstdio>

#include "cib_access.h"
#include "crm/cib/cib.h"
#include "daemon_client.h"
#include "text_diff.h"
#include "transition_preview.h"

namespace vigil {

std::string check_cib(const crm::xml::Node& cib) {
    auto typed = crm::cib::unpack(cib);
    return typed ? std::string() : typed.error();
}

int wait_for_settle(int seconds) {
    if (!cib_file_from_env().empty())
        return kExitOk;  // no cluster behind a file
    crm::ipc::Request req;
    req.op = crm::ipc::Op::wait;
    req.id = 3;
    req.timeout_ms = static_cast<std::uint64_t>(seconds) * 1000;
    auto resp = daemon_call(req, seconds * 1000 + 5000);
    if (!resp)
        return fail(is_unreachable(resp.error()) ? kExitUnreachable : kExitError, resp.error());
    if (resp->rc == crm::ipc::Rc::timeout)
        return fail(kExitTimeout, "the cluster did not settle within " + std::to_string(seconds) +
                                      " s; see 'vigil status'");
    if (resp->rc != crm::ipc::Rc::ok)
        return fail(kExitError, "wait failed: " + resp->message);
    return kExitOk;
}

int run_change(const CommonOptions& options, const EditFn& edit, const std::string& note) {
    CibSource source;
    if (int rc = load_cib(source); rc != kExitOk)
        return rc;
    auto updated = edit(source.cib);
    if (!updated)
        return fail_edit(updated.error());
    if (std::string problem = check_cib(*updated); !problem.empty())
        return fail(kExitInvalidConfig,
                    "the change would make an invalid configuration: " + problem);
    if (options.dry_run) {
        std::string diff =
            line_diff(crm::xml::to_string(source.cib), crm::xml::to_string(*updated));
        if (diff.empty()) {
            std::printf("dry run: nothing would change\n");
            return kExitOk;
        }
        std::printf("dry run: the CIB would change as follows (nothing was written):\n%s",
                    diff.c_str());
        std::string preview = transition_preview(source.cib, *updated);
        if (!preview.empty())
            std::printf("\n%s", preview.c_str());
        return kExitOk;
    }
    if (*updated == source.cib) {
        if (!note.empty())
            std::printf("%s\n", note.c_str());
        return kExitOk;
    }
    if (int rc = save_cib(source, *updated); rc != kExitOk)
        return rc;
    if (!note.empty())
        std::printf("%s\n", note.c_str());
    if (options.wait_seconds)
        return wait_for_settle(*options.wait_seconds);
    return kExitOk;
}

}  // namespace vigil
