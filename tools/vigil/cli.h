#pragma once
// Helpers every subcommand shares: options common to changing commands,
// k=v parsing, and error reporting with the exit codes of command.h.
#include <optional>
#include <string>
#include <vector>

#include "command.h"
#include "crm/edit/common.h"

namespace vigil {

// Options any changing command accepts, pulled out of the argument list
// wherever they appear.
struct CommonOptions {
    bool dry_run = false;
    bool force = false;
    bool help = false;
    std::optional<int> wait_seconds;  // --wait (60 min as pcs) or --wait=N
};
// Removes --dry-run, --force, --wait[=N], --help/-h from args. A bad --wait
// value is a usage error (message in *error).
CommonOptions take_common_options(std::vector<std::string>& args, std::string* error);

// Takes "--name VALUE" or "--name=VALUE" out of args; nullopt when absent.
// A missing value sets *error.
std::optional<std::string> take_option(std::vector<std::string>& args, const std::string& name,
                                       std::string* error);
bool take_flag(std::vector<std::string>& args, const std::string& name);

// "k=v" -> pair; nullopt when the token has no '=' (a keyword).
std::optional<std::pair<std::string, std::string>> split_pair(const std::string& token);

// Prints "vigil: <message>" to stderr and returns code.
int fail(int code, const std::string& message);
// Maps an edit error to not-found or invalid-config and prints it.
int fail_edit(const std::string& message);
// Usage error: prints the message and the command's usage text.
int usage_error(const std::string& message, const char* usage);

}  // namespace vigil
