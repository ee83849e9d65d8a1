// vigil: the command-line tool. Dispatches to the subcommands that
// registered themselves (see command.h).
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"

namespace vigil {

std::map<std::string, CommandInfo>& command_registry() {
    static std::map<std::string, CommandInfo> registry;
    return registry;
}

namespace {

void print_usage(std::FILE* out) {
    std::fprintf(out, "usage: vigil COMMAND [ARGS...]\n\ncommands:\n");
    for (const auto& [name, info] : command_registry())
        std::fprintf(out, "  %-12s %s\n", name.c_str(), info.summary.c_str());
    std::fprintf(out, "\n'vigil help COMMAND' shows a command's options.\n");
}

}  // namespace
}  // namespace vigil

int main(int argc, char** argv) {
    using namespace vigil;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_usage(stderr);
        return kExitUsage;
    }
    std::string name = args.front();
    args.erase(args.begin());
    if (name == "-h" || name == "--help") {
        print_usage(stdout);
        return kExitOk;
    }
    if (name == "help") {
        if (args.empty()) {
            print_usage(stdout);
            return kExitOk;
        }
        name = args.front();
        args = {"--help"};
    }
    auto& registry = command_registry();
    auto it = registry.find(name);
    if (it == registry.end()) {
        std::fprintf(stderr, "vigil: unknown command '%s'\n", name.c_str());
        print_usage(stderr);
        return kExitUsage;
    }
    return it->second.run(args);
}
