#pragma once
// Whether the local cluster daemons run (and, under systemd, start at boot),
// for the "Daemon Status" part of `vigil status`.
#include <vector>

#include "crm/status/view.h"

namespace vigil {

// corosync and vigild on this node. With systemd (/run/systemd/system), its
// is-active and is-enabled answers; without it (containers, the lab's
// namespaces) corosync counts as active when its pid file names a live
// corosync process, and vigild when its socket answered (vigild_answered).
std::vector<crm::status::DaemonState> local_daemons(bool vigild_answered);

}  // namespace vigil
