#include "agent_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

namespace vigild {
namespace {

constexpr std::size_t max_output = 64 * 1024;  // enough for any sane agent's chatter

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

AgentRunner::~AgentRunner() {
    for (auto& [call, c] : running_) {
        if (!c.exited)
            ::kill(-c.pid, SIGKILL);
        ::waitpid(c.pid, nullptr, 0);
        if (c.pidfd >= 0)
            ::close(c.pidfd);
        if (c.out >= 0)
            ::close(c.out);
    }
}

std::uint64_t AgentRunner::start(AgentOp op, std::int64_t now_ms) {
    const std::uint64_t call = next_call_++;
    auto immediate = [&](int rc, OpStatus status, std::string reason) {
        Finished f;
        f.call = call;
        f.op = std::move(op);
        f.result.rc = rc;
        f.result.status = status;
        f.result.exit_reason = std::move(reason);
        done_.push_back(std::move(f));
        return call;
    };
    if (auto names = check_param_names(op); !names)
        return immediate(ocf_err_configured, OpStatus::error, names.error());
    auto path = agent_path(ocf_root_, op);
    if (!path)
        return immediate(ocf_err_installed, OpStatus::not_installed, path.error());
    if (::access(path->c_str(), X_OK) != 0) {
        return immediate(ocf_err_installed, OpStatus::not_installed,
                         fmt::format("agent {} is not installed or not executable", *path));
    }
    // Everything the child needs is built before fork: after it, only
    // async-signal-safe calls.
    std::vector<std::string> env = agent_environment(op, ocf_root_);
    std::vector<char*> envp;
    for (auto& e : env)
        envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string arg0 = *path, arg1 = op.action;
    char* argv[] = {arg0.data(), arg1.data(), nullptr};

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return immediate(ocf_err_generic, OpStatus::error,
                         fmt::format("pipe: {}", std::strerror(errno)));
    }
    pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return immediate(ocf_err_generic, OpStatus::error,
                         fmt::format("fork: {}", std::strerror(errno)));
    }
    if (pid == 0) {
        ::setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        int devnull = ::open("/dev/null", O_RDONLY);
        ::dup2(devnull, 0);
        ::dup2(fds[1], 1);
        ::dup2(fds[1], 2);
        if (::chdir("/") != 0)
            _exit(ocf_err_generic);
        ::execve(argv[0], argv, envp.data());
        _exit(ocf_err_installed);
    }
    ::setpgid(pid, pid);  // also from the parent: no race with an early kill
    ::close(fds[1]);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    Child c;
    c.op = std::move(op);
    c.pid = pid;
    c.pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    c.out = fds[0];
    c.started_ms = now_ms;
    running_.emplace(call, std::move(c));
    return call;
}

void AgentRunner::add_pollfds(std::vector<pollfd>& fds) const {
    for (const auto& [call, c] : running_) {
        if (c.pidfd >= 0)
            fds.push_back({c.pidfd, POLLIN, 0});
        if (c.out >= 0)
            fds.push_back({c.out, POLLIN, 0});
    }
}

void AgentRunner::drain(Child& c) {
    if (c.out < 0)
        return;
    char buf[4096];
    for (;;) {
        ssize_t n = ::read(c.out, buf, sizeof buf);
        if (n > 0) {
            if (c.output.size() < max_output)
                c.output.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n == 0) {
            ::close(c.out);
            c.out = -1;
        }
        return;
    }
}

bool AgentRunner::handle(const pollfd& p) {
    for (auto& [call, c] : running_) {
        if (p.fd == c.out && c.out >= 0) {
            drain(c);
            return true;
        }
        if (p.fd == c.pidfd && c.pidfd >= 0) {
            if (::waitpid(c.pid, &c.wait_status, WNOHANG) == c.pid)
                c.exited = true;
            return true;
        }
    }
    return false;
}

void AgentRunner::finish(std::uint64_t call, Child& c, std::int64_t now_ms) {
    // Output still buffered in the pipe belongs to the result; a daemon the
    // agent left running may keep the pipe open, so do not wait for EOF.
    drain(c);
    if (c.out >= 0)
        ::close(c.out);
    if (c.pidfd >= 0)
        ::close(c.pidfd);
    Finished f;
    f.call = call;
    f.op = std::move(c.op);
    f.result.duration_ms = now_ms - c.started_ms;
    f.result.output = std::move(c.output);
    f.result.exit_reason = exit_reason_of(f.result.output);
    if (c.timed_out) {
        f.result.rc = ocf_err_generic;
        f.result.status = OpStatus::timeout;
        if (f.result.exit_reason.empty()) {
            f.result.exit_reason = fmt::format("timed out after {} ms", f.op.timeout_ms);
        }
    } else if (WIFEXITED(c.wait_status)) {
        f.result.rc = WEXITSTATUS(c.wait_status);
    } else {
        f.result.rc = ocf_err_generic;
        f.result.status = OpStatus::error;
        if (f.result.exit_reason.empty()) {
            f.result.exit_reason =
                fmt::format("agent killed by signal {}", WTERMSIG(c.wait_status));
        }
    }
    done_.push_back(std::move(f));
}

std::vector<Finished> AgentRunner::collect(std::int64_t now_ms) {
    for (auto it = running_.begin(); it != running_.end();) {
        Child& c = it->second;
        if (!c.exited && ::waitpid(c.pid, &c.wait_status, WNOHANG) == c.pid)
            c.exited = true;
        if (!c.exited && !c.timed_out && now_ms - c.started_ms >= c.op.timeout_ms) {
            ::kill(-c.pid, SIGKILL);
            c.timed_out = true;
        }
        if (c.exited) {
            finish(it->first, c, now_ms);
            it = running_.erase(it);
        } else {
            ++it;
        }
    }
    std::vector<Finished> out;
    out.swap(done_);
    return out;
}

std::optional<std::int64_t> AgentRunner::next_deadline() const {
    std::optional<std::int64_t> d;
    for (const auto& [call, c] : running_) {
        if (c.timed_out)
            continue;
        const std::int64_t t = c.started_ms + c.op.timeout_ms;
        if (!d || t < *d)
            d = t;
    }
    return d;
}

bool AgentRunner::running(const std::string& rsc) const {
    for (const auto& [call, c] : running_) {
        if (c.op.rsc == rsc)
            return true;
    }
    return false;
}

AgentResult AgentRunner::run_sync(const AgentOp& op) {
    const std::uint64_t call = start(op, steady_ms());
    for (;;) {
        for (auto& f : collect(steady_ms())) {
            if (f.call == call)
                return f.result;
            done_.push_back(std::move(f));
        }
        std::vector<pollfd> fds;
        add_pollfds(fds);
        ::poll(fds.data(), fds.size(), 20);
        for (const auto& p : fds) {
            if (p.revents)
                handle(p);
        }
    }
}

}  // namespace vigild
