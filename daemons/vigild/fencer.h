#pragma once
// Fencing on the DC: the configured stonith primitive is run as a
// fence-agents style program (key=value lines on stdin, rc 0 = done) to
// power a lost node off before its resources are recovered elsewhere.
//
// stonith:null (the seed's device type) maps to Vigil's fence_vigil_null
// agent, which really runs and always succeeds: the same code path as a
// real device, so a missing agent is a visible failure, not a silent yes.
//
// Running an agent is synchronous (the DC waits for it, bounded by the
// fencing timeout per attempt): fencing is rare and nothing else the DC
// could do meanwhile may touch the lost node's resources.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace vigild {

struct FenceConfig {
    std::string device;                         // the stonith primitive's id
    std::string agent;                          // program name (type, null mapped)
    std::map<std::string, std::string> params;  // its instance attributes
    std::string action = "reboot";              // fencing-action
    std::int64_t timeout_ms = 60000;            // fencing-timeout, per attempt
    int max_attempts = 10;                      // fencing-max-attempts
};

// stonith-enabled / fencing-enabled, true unless set false.
bool fencing_enabled(const crm::cib::Cib& cib);
bool fencing_enabled(const crm::xml::Node& cib);

// The first stonith-class primitive and the fencing properties; error when
// there is none or a property is malformed (named in the message).
crm::Result<FenceConfig> fence_config(const crm::cib::Cib& cib);

// The agent program for a stonith type ("null" -> "fence_vigil_null").
std::string fence_agent_name(const std::string& type);

// Where agents are looked for: $VIGIL_FENCE_AGENT_PATH (':'-separated)
// first, then $PATH's absolute entries, /usr/sbin and the install prefix's
// sbin.
std::vector<std::string> fence_agent_dirs();

// The first executable dir/name; error naming every directory tried.
crm::Result<std::string> find_fence_agent(const std::string& name,
                                          const std::vector<std::string>& dirs);

// What the agent reads on stdin: action, port, nodename, then the
// device's instance attributes (which cannot override those three).
std::string fence_request(const FenceConfig& cfg, const std::string& target);

struct FenceAttempt {
    int rc = -1;  // exit status; -1 if killed or not started
    bool timed_out = false;
    std::string output;  // stdout and stderr, truncated
    bool ok() const { return rc == 0 && !timed_out; }
};

// Runs the program (fork/execve, no shell) with input on stdin, killing
// its process group after timeout_ms.
FenceAttempt run_fence_agent(const std::string& path, const std::string& input,
                             std::int64_t timeout_ms);

struct FenceOutcome {
    bool success = false;
    int attempts = 0;
    std::string detail;  // last attempt's result, for the log
};

// Fences target: up to max_attempts runs until one succeeds.
FenceOutcome fence_node(const FenceConfig& cfg, const std::string& target,
                        const std::vector<std::string>& dirs,
                        const std::function<void(const std::string&)>& log);

}  // namespace vigild
