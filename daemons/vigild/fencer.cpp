#include "fencer.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <variant>

#include <fmt/format.h>

#include "crm/common/duration.h"
#include "crm/common/strings.h"

#ifndef VIGIL_SBINDIR
#define VIGIL_SBINDIR "/usr/local/sbin"
#endif

namespace vigild {
namespace {

constexpr std::size_t max_output = 16 * 1024;

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

const crm::cib::Primitive* first_stonith(const crm::cib::Cib& cib) {
    for (const auto& r : cib.configuration.resources) {
        if (const auto* p = std::get_if<crm::cib::Primitive>(&r); p && p->is_stonith())
            return p;
        if (const auto* g = std::get_if<crm::cib::Group>(&r)) {
            for (const auto& m : g->members)
                if (m.is_stonith())
                    return &m;
        }
        if (const auto* c = std::get_if<crm::cib::Clone>(&r)) {
            if (const auto* p = std::get_if<crm::cib::Primitive>(&c->child); p && p->is_stonith())
                return p;
        }
    }
    return nullptr;
}

}  // namespace

bool fencing_enabled(const crm::cib::Cib& cib) {
    const std::string v = crm::cib::property(cib, "stonith-enabled");
    if (v.empty())
        return true;
    auto b = crm::parse_bool(v);
    return !b || *b;  // a malformed value keeps the safe default
}

bool fencing_enabled(const crm::xml::Node& cib) {
    auto typed = crm::cib::unpack(cib);
    return !typed || fencing_enabled(*typed);
}

std::string fence_agent_name(const std::string& type) {
    return type == "null" ? "fence_vigil_null" : type;
}

crm::Result<FenceConfig> fence_config(const crm::cib::Cib& cib) {
    const crm::cib::Primitive* p = first_stonith(cib);
    if (!p)
        return crm::Error{"no stonith-class primitive is configured"};
    FenceConfig cfg;
    cfg.device = p->id;
    cfg.agent = fence_agent_name(p->type);
    cfg.params = crm::cib::flatten(p->instance_attributes);
    if (auto a = crm::cib::property(cib, "stonith-action"); !a.empty()) {
        if (a == "poweroff")
            a = "off";  // the old spelling
        if (a != "reboot" && a != "off")
            return crm::Error{fmt::format("property stonith-action: '{}' is not reboot or off", a)};
        cfg.action = a;
    }
    if (auto t = crm::cib::property(cib, "stonith-timeout"); !t.empty()) {
        auto ms = crm::parse_duration_ms(t);
        if (!ms || *ms <= 0)
            return crm::Error{fmt::format("property stonith-timeout: '{}' is not a duration", t)};
        cfg.timeout_ms = *ms;
    }
    std::string m = crm::cib::property(cib, "fencing-max-attempts");
    if (m.empty())
        m = crm::cib::property(cib, "stonith-max-attempts");
    if (!m.empty()) {
        int n = 0;
        auto [end, ec] = std::from_chars(m.data(), m.data() + m.size(), n);
        if (ec != std::errc{} || end != m.data() + m.size() || n < 1)
            return crm::Error{
                fmt::format("property fencing-max-attempts: '{}' is not a positive integer", m)};
        cfg.max_attempts = n;
    }
    return cfg;
}

std::vector<std::string> fence_agent_dirs() {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("VIGIL_FENCE_AGENT_PATH")) {
        for (auto& d : crm::split(env, ':'))
            if (!d.empty())
                dirs.push_back(d);
    }
    // PATH too: a lab or a package may put its agents there (the webcluster
    // example does); the agent name can never be a path, so this only
    // widens where a plain name is looked up.
    if (const char* env = std::getenv("PATH")) {
        for (auto& d : crm::split(env, ':'))
            if (!d.empty() && d.front() == '/')
                dirs.push_back(d);
    }
    dirs.emplace_back("/usr/sbin");
    dirs.emplace_back(VIGIL_SBINDIR);
    return dirs;
}

crm::Result<std::string> find_fence_agent(const std::string& name,
                                          const std::vector<std::string>& dirs) {
    // The type comes from the CIB: never let it name a path.
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
        return crm::Error{fmt::format("fence agent '{}': not a program name", name)};
    std::string tried;
    for (const auto& d : dirs) {
        std::string path = d + "/" + name;
        if (::access(path.c_str(), X_OK) == 0)
            return path;
        tried += (tried.empty() ? "" : ", ") + d;
    }
    return crm::Error{fmt::format("fence agent {} not found in {}", name, tried)};
}

std::string fence_request(const FenceConfig& cfg, const std::string& target) {
    std::string in = fmt::format("action={}\nport={}\nnodename={}\n", cfg.action, target, target);
    for (const auto& [k, v] : cfg.params) {
        if (k == "action" || k == "port" || k == "plug" || k == "nodename")
            continue;
        // A newline in a value would inject another key.
        if (k.find_first_of("=\n") != std::string::npos || v.find('\n') != std::string::npos)
            continue;
        in += fmt::format("{}={}\n", k, v);
    }
    return in;
}

FenceAttempt run_fence_agent(const std::string& path, const std::string& input,
                             std::int64_t timeout_ms) {
    FenceAttempt a;
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0) {
        a.output = fmt::format("pipe: {}", std::strerror(errno));
        return a;
    }
    if (::pipe2(out, O_CLOEXEC) != 0) {
        a.output = fmt::format("pipe: {}", std::strerror(errno));
        ::close(in[0]);
        ::close(in[1]);
        return a;
    }
    std::string arg0 = path;
    char* argv[] = {arg0.data(), nullptr};
    std::string env0 = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
    char* envp[] = {env0.data(), nullptr};
    const pid_t pid = ::fork();
    if (pid < 0) {
        a.output = fmt::format("fork: {}", std::strerror(errno));
        for (int fd : {in[0], in[1], out[0], out[1]})
            ::close(fd);
        return a;
    }
    if (pid == 0) {
        ::setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        ::dup2(in[0], 0);
        ::dup2(out[1], 1);
        ::dup2(out[1], 2);
        if (::chdir("/") != 0)
            _exit(126);
        ::execve(argv[0], argv, envp);
        _exit(127);
    }
    ::setpgid(pid, pid);
    ::close(in[0]);
    ::close(out[1]);
    // The request is a few hundred bytes: it fits the pipe, no deadlock.
    // An agent that exits without reading it makes the write fail: ignored.
    struct sigaction ign {
    }, old{};
    ign.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ign, &old);
    (void)!::write(in[1], input.data(), input.size());
    ::sigaction(SIGPIPE, &old, nullptr);
    ::close(in[1]);
    ::fcntl(out[0], F_SETFL, O_NONBLOCK);

    const std::int64_t deadline = steady_ms() + timeout_ms;
    int status = 0;
    bool exited = false;
    while (!exited) {
        pollfd p{out[0], POLLIN, 0};
        ::poll(&p, out[0] >= 0 ? 1 : 0, 20);
        char buf[4096];
        for (ssize_t n; out[0] >= 0 && (n = ::read(out[0], buf, sizeof buf)) != 0;) {
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                break;
            }
            if (a.output.size() < max_output)
                a.output.append(buf, static_cast<std::size_t>(n));
        }
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            exited = true;
        } else if (!a.timed_out && steady_ms() >= deadline) {
            ::kill(-pid, SIGKILL);  // the agent and whatever it started
            a.timed_out = true;
        }
    }
    ::close(out[0]);
    if (!a.timed_out && WIFEXITED(status))
        a.rc = WEXITSTATUS(status);
    return a;
}

FenceOutcome fence_node(const FenceConfig& cfg, const std::string& target,
                        const std::vector<std::string>& dirs,
                        const std::function<void(const std::string&)>& log) {
    FenceOutcome o;
    auto path = find_fence_agent(cfg.agent, dirs);
    if (!path) {
        o.detail = fmt::format("device {}: {}", cfg.device, path.error());
        o.attempts = 0;
        return o;
    }
    const std::string input = fence_request(cfg, target);
    while (o.attempts < cfg.max_attempts) {
        ++o.attempts;
        FenceAttempt a = run_fence_agent(*path, input, cfg.timeout_ms);
        std::string out(crm::trim(a.output));
        if (out.size() > 300)
            out = out.substr(0, 300) + "...";
        o.detail = a.timed_out ? fmt::format("timed out after {} ms", cfg.timeout_ms)
                               : fmt::format("rc={}", a.rc);
        if (!out.empty())
            o.detail += " (" + out + ")";
        if (a.ok()) {
            o.success = true;
            return o;
        }
        if (log)
            log(fmt::format("fencing {} with {} ({}): attempt {}/{} failed: {}", target, cfg.device,
                            cfg.agent, o.attempts, cfg.max_attempts, o.detail));
    }
    return o;
}

}  // namespace vigild
