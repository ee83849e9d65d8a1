// vigil node standby|unstandby|maintenance|unmaintenance NODE...|--all
#include <cstdio>

#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "crm/edit/property_edit.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil node VERB NODE...|--all\n"
    "  standby        move resources off the node and keep them off (standby=on)\n"
    "  unstandby      let it run resources again\n"
    "  maintenance    stop managing and monitoring resources there (maintenance=on)\n"
    "  unmaintenance\n"
    "  attribute NODE NAME=VALUE...   set (empty value removes) permanent node attributes\n"
    "options: --dry-run, --wait[=SECONDS]\n";

// The daemon's members (id, name), so nodes that joined but are not yet in
// <nodes> can take attributes; offline, the CIB's node list is all there is.
std::vector<std::pair<std::string, std::string>> live_members() {
    std::vector<std::pair<std::string, std::string>> out;
    if (!cib_file_from_env().empty())
        return out;
    CibSource src;
    if (load_cib(src, true) != kExitOk || !src.status)
        return out;
    for (const auto& m : src.status->members)
        out.emplace_back(std::to_string(m.id), m.uname);
    return out;
}

int run_node(const std::vector<std::string>& all) {
    VerbCall call;
    if (auto done = begin_verb(all, kUsage, Verb::required, call))
        return *done;
    auto& [common, verb, args] = call;
    bool every = take_flag(args, "--all");
    if (verb == "attribute") {
        if (args.size() < 2)
            return usage_error("'node attribute' needs NODE NAME=VALUE...", kUsage);
        std::string node = args[0];
        auto members = live_members();
        crm::edit::NvList pairs;
        if (auto bad = read_pairs({args.begin() + 1, args.end()}, kUsage, pairs))
            return *bad;
        return run_change(common, [&](const crm::xml::Node& cib) {
            return apply_each(cib, pairs, [&](const crm::xml::Node& c, const auto& kv) {
                return crm::edit::node_attribute(c, {node}, kv.first, kv.second, members);
            });
        });
    }
    std::string name, value;
    if (verb == "standby")
        name = "standby", value = "on";
    else if (verb == "unstandby")
        name = "standby";
    else if (verb == "maintenance")
        name = "maintenance", value = "on";
    else if (verb == "unmaintenance")
        name = "maintenance";
    else
        return usage_error("unknown verb 'node " + verb + "'", kUsage);
    if (every == !args.empty())
        return usage_error("name the nodes or give --all (not both)", kUsage);
    auto members = live_members();
    return run_change(common, [&](const crm::xml::Node& cib) {
        return crm::edit::node_attribute(cib, args, name, value, members);
    });
}

const Registration reg{"node", "standby and maintenance of nodes (pcs node ...)", &run_node};

}  // namespace
}  // namespace vigil
