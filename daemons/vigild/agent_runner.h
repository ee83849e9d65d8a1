#pragma once
// Runs resource agents as child processes: fork + execve with the OCF
// environment (no shell), each in its own process group so a timeout kills
// the agent and everything it started. Asynchronous: the daemon polls the
// fds this class exposes; finished operations are collected.
#include <poll.h>
#include <sys/types.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agent_op.h"

namespace vigild {

struct Finished {
    std::uint64_t call = 0;
    AgentOp op;
    AgentResult result;
    bool one_shot = false;  // answered once even with an interval (fence devices)
};

class AgentRunner {
  public:
    explicit AgentRunner(std::string ocf_root) : ocf_root_(std::move(ocf_root)) {}
    ~AgentRunner();
    AgentRunner(const AgentRunner&) = delete;
    AgentRunner& operator=(const AgentRunner&) = delete;

    // Starts an operation; its result comes out of collect(). An agent that
    // is missing or cannot start finishes at once (rc 5, not installed).
    std::uint64_t start(AgentOp op, std::int64_t now_ms);
    void add_pollfds(std::vector<pollfd>& fds) const;
    bool handle(const pollfd& p);
    // Finished operations; kills (process group, SIGKILL) those past their
    // timeout, which finish as timeouts once reaped.
    std::vector<Finished> collect(std::int64_t now_ms);
    std::optional<std::int64_t> next_deadline() const;
    bool idle() const { return running_.empty() && done_.empty(); }
    bool running(const std::string& rsc) const;

    // Runs one operation to completion (tests and one-shot tools).
    AgentResult run_sync(const AgentOp& op);

  private:
    struct Child {
        AgentOp op;
        pid_t pid = -1;
        int pidfd = -1;
        int out = -1;  // stdout and stderr of the agent
        std::string output;
        std::int64_t started_ms = 0;
        bool timed_out = false;
        bool exited = false;
        int wait_status = 0;
    };
    void drain(Child& c);
    void finish(std::uint64_t call, Child& c, std::int64_t now_ms);

    std::string ocf_root_;
    std::uint64_t next_call_ = 1;
    std::map<std::uint64_t, Child> running_;
    std::vector<Finished> done_;
};

}  // namespace vigild
