#include "agent_metadata.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "crm/xml/xml_node.h"

extern char** environ;

namespace vigil {

namespace {

std::string ocf_root() {
    const char* r = std::getenv("OCF_ROOT");
    return r && *r ? r : "/usr/lib/ocf";
}

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (dirent* e = ::readdir(d))
            if (e->d_name[0] != '.')
                out.emplace_back(e->d_name);
        ::closedir(d);
    }
    return out;
}

// Runs argv with OCF_ROOT in the environment; returns stdout.
crm::Result<std::string> run_capture(const std::string& path, const std::string& arg,
                                     int timeout_ms) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return crm::Error{std::string("pipe: ") + std::strerror(errno)};
    pid_t pid = ::fork();
    if (pid < 0)
        return crm::Error{std::string("fork: ") + std::strerror(errno)};
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        int devnull = ::open("/dev/null", O_RDWR);
        if (devnull >= 0)
            ::dup2(devnull, STDERR_FILENO), ::dup2(devnull, STDIN_FILENO);
        std::string root = "OCF_ROOT=" + ocf_root();
        ::putenv(root.data());
        char* argv[] = {const_cast<char*>(path.c_str()), const_cast<char*>(arg.c_str()), nullptr};
        ::execve(path.c_str(), argv, environ);
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string out;
    char buf[8192];
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    bool timed_out = false;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                        deadline - std::chrono::steady_clock::now())
                        .count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int r = ::poll(&p, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0)
            continue;
        ssize_t n = ::read(fds[0], buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out.append(buf, static_cast<std::size_t>(n));
        if (out.size() > (4u << 20))
            break;
    }
    ::close(fds[0]);
    if (timed_out)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (timed_out)
        return crm::Error{"'" + path + " " + arg + "' did not finish within " +
                          std::to_string(timeout_ms / 1000) + " s"};
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return crm::Error{"'" + path + " " + arg + "' failed (exit " +
                          std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")"};
    return out;
}

}  // namespace

crm::Result<std::string> agent_metadata(const crm::edit::Agent& agent) {
    if (agent.cls != "ocf")
        return crm::Error{"class '" + agent.cls + "' agents have no OCF meta-data"};
    std::string dir = ocf_root() + "/resource.d/" + agent.provider;
    std::string path = dir + "/" + agent.type;
    if (::access(path.c_str(), X_OK) != 0) {
        std::string msg = "agent 'ocf:" + agent.provider + ":" + agent.type +
                          "' is not installed (no " + path + ")";
        auto names = list_dir(dir);
        if (names.empty()) {
            msg += "; no provider '" + agent.provider + "' under " + ocf_root() + "/resource.d";
        } else {
            std::string near = crm::edit::closest(agent.type, names);
            if (!near.empty())
                msg += "; did you mean 'ocf:" + agent.provider + ":" + near + "'?";
        }
        return crm::Error{msg + " (use --force to create it anyway)"};
    }
    return run_capture(path, "meta-data", 10000);
}

std::vector<crm::edit::OpSpec> default_ops_from_metadata(const std::string& metadata_xml,
                                                         bool promotable) {
    std::vector<crm::edit::OpSpec> ops;
    // Agents declare <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">, which the
    // hardened parser refuses; a DOCTYPE without an internal subset carries
    // nothing we need, so drop it.
    std::string text = metadata_xml;
    if (auto pos = text.find("<!DOCTYPE"); pos != std::string::npos) {
        auto end = text.find('>', pos);
        if (end != std::string::npos && text.find('[', pos) > end)
            text.erase(pos, end - pos + 1);
    }
    auto doc = crm::xml::parse(text);
    const crm::xml::Node* actions = doc ? doc->first_child("actions") : nullptr;
    if (!actions)
        return fallback_default_ops();
    bool have_monitor = false;
    for (const crm::xml::Node* a : actions->children_named("action")) {
        std::string name = a->attr("name");
        bool wanted = name == "start" || name == "stop" || name == "monitor" ||
                      (promotable && (name == "promote" || name == "demote"));
        if (!wanted)
            continue;
        // Role-specific monitors only make sense for promotable clones.
        if (name == "monitor" && a->has_attr("role") && !promotable)
            continue;
        if (name == "monitor" && have_monitor && !promotable)
            continue;
        crm::edit::OpSpec op{name, {}};
        std::string interval = a->attr("interval");
        if (interval.empty() || name != "monitor")
            interval = name == "monitor" ? "60s" : "0s";
        op.attributes.emplace_back("interval", interval);
        if (a->has_attr("timeout"))
            op.attributes.emplace_back("timeout", a->attr("timeout"));
        if (name == "monitor" && a->has_attr("role"))
            op.attributes.emplace_back("role", a->attr("role"));
        have_monitor = have_monitor || name == "monitor";
        ops.push_back(std::move(op));
    }
    if (!have_monitor)
        ops.push_back({"monitor", {{"interval", "60s"}}});
    return ops;
}

std::vector<crm::edit::OpSpec> fallback_default_ops() {
    return {{"monitor", {{"interval", "60s"}}}};
}

}  // namespace vigil
