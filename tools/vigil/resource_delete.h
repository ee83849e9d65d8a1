#pragma once
// `resource delete` and `stonith delete`: like pcs, a live resource is
// stopped before it leaves the configuration, so the agent's stop runs with
// the resource's own parameters and a failing stop is seen while the
// resource still exists.
#include <string>

#include "change.h"

namespace vigil {

// Disables `id` and waits for the cluster to settle (up to --wait, 60 s by
// default), then commits `remove`. Offline, with --dry-run or --force it
// commits `remove` at once. Returns the exit code.
int delete_after_stop(const std::string& id, const CommonOptions& common, const EditFn& remove);

}  // namespace vigil
