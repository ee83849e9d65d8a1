#include "resource_delete.h"

#include <cstdio>

#include "cib_access.h"
#include "crm/edit/resource_edit.h"
#include "status_source.h"

namespace vigil {

int delete_after_stop(const std::string& id, const CommonOptions& common, const EditFn& remove) {
    const std::string note = "deleted '" + id + "'";
    if (common.dry_run || common.force || !cib_file_from_env().empty())
        return run_change(common, remove, note);
    auto where = current_nodes(id);
    if (!where)
        return fail_edit(where.error());
    if (!where->empty())
        std::printf("stopping '%s' before deleting it\n", id.c_str());
    // Also when it shows as stopped: a start may be under way (pending
    // operations are not recorded), and the wait lets it finish first.
    CommonOptions plain;
    if (int rc = run_change(
            plain,
            [&](const crm::xml::Node& cib) { return crm::edit::set_enabled(cib, id, false); });
        rc != kExitOk)
        return rc;
    if (int rc = wait_for_settle(common.wait_seconds.value_or(60)); rc != kExitOk) {
        std::fprintf(stderr,
                     "vigil: '%s' is disabled but was not deleted; delete it once it has "
                     "stopped, or now with --force\n",
                     id.c_str());
        return rc;
    }
    return run_change(common, remove, note);
}

}  // namespace vigil
