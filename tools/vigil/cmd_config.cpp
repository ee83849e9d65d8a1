// vigil config: the whole configuration in pcs's layout (pcs config).
#include <cstdio>

#include "cli.h"
#include "crm/status/config_report.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil config [show]\n"
    "  The whole configuration as pcs config lays it out: cluster name, nodes,\n"
    "  resources (groups, clones, their attributes and operations), stonith\n"
    "  devices, fencing levels, constraints, resource and operation defaults,\n"
    "  cluster properties. 'vigil configure show' prints it in the crm language.\n";

int run_config(const std::vector<std::string>& all) {
    std::vector<std::string> args = all;
    if (take_flag(args, "--help") || take_flag(args, "-h")) {
        std::printf("%s", kUsage);
        return kExitOk;
    }
    if (!args.empty() && args[0] == "show")
        args.erase(args.begin());
    if (!args.empty())
        return usage_error("unexpected '" + args[0] + "'", kUsage);
    return print_cib_text(&crm::status::config_report);
}

const Registration reg{"config", "the whole configuration, pcs config style", &run_config};

}  // namespace
}  // namespace vigil
