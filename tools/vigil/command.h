#pragma once
// Subcommands of `vigil` register themselves here, one file per command
// (cmd_<name>.cpp), so the dispatcher never needs editing:
//
//   static const vigil::Registration reg{"simulate", "run the scheduler offline on a CIB file",
//                                        &run_simulate};
#include <map>
#include <string>
#include <vector>

namespace vigil {

// Exit codes, shared by every command (documented in vigil(8)).
enum ExitCode : int {
    kExitOk = 0,
    kExitError = 1,          // generic failure
    kExitUsage = 2,          // bad command line
    kExitInvalidConfig = 3,  // the change or file is not a valid configuration
    kExitNotFound = 4,       // no such resource / node / constraint / file
    kExitUnreachable = 5,    // vigild is not reachable
    kExitTimeout = 6,        // --wait ran out
};

// args excludes the program name and the command word itself.
using CommandFn = int (*)(const std::vector<std::string>& args);

struct CommandInfo {
    std::string summary;
    CommandFn run;
};

std::map<std::string, CommandInfo>& command_registry();

struct Registration {
    Registration(const std::string& name, const std::string& summary, CommandFn run) {
        command_registry()[name] = CommandInfo{summary, run};
    }
};

}  // namespace vigil
