#include "daemon_state.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

extern char** environ;

namespace vigil {
namespace {

bool has_systemd() {
    struct stat st {};
    return ::stat("/run/systemd/system", &st) == 0 && S_ISDIR(st.st_mode);
}

// `systemctl VERB --quiet UNIT` succeeded (is-active, is-enabled).
bool systemctl_says(const char* verb, const std::string& unit) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    std::string v = verb, q = "--quiet", u = unit;
    char prog[] = "systemctl";
    char* argv[] = {prog, v.data(), q.data(), u.data(), nullptr};
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, "systemctl", &fa, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return false;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// corosync writes its pid to /run/corosync.pid; a stale file after a crash
// names a dead (or reused) pid, so the process's name is checked too.
bool corosync_running() {
    std::ifstream pidfile("/run/corosync.pid");
    long pid = 0;
    if (!(pidfile >> pid) || pid <= 0)
        return false;
    std::ifstream comm("/proc/" + std::to_string(pid) + "/comm");
    std::string name;
    return static_cast<bool>(std::getline(comm, name)) && name == "corosync";
}

}  // namespace

std::vector<crm::status::DaemonState> local_daemons(bool vigild_answered) {
    std::vector<crm::status::DaemonState> out(2);
    out[0].name = "corosync";
    out[1].name = "vigild";
    if (has_systemd()) {
        for (auto& d : out) {
            d.active = systemctl_says("is-active", d.name + ".service");
            d.enabled = systemctl_says("is-enabled", d.name + ".service");
        }
        // Daemons started by hand (not by systemd) still count.
        out[0].active = out[0].active || corosync_running();
        out[1].active = out[1].active || vigild_answered;
        return out;
    }
    out[0].active = corosync_running();
    out[1].active = vigild_answered;
    return out;
}

}  // namespace vigil
