// vigil property set|unset|list
#include <cstdio>

#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "crm/edit/property_edit.h"
#include "crm/status/config_report.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil property VERB ...\n"
    "  set NAME=VALUE... [--force]    cluster options (stonith-enabled=false ...); an empty\n"
    "                                 value removes; unknown names need --force\n"
    "  unset NAME...\n"
    "  list|show|config               the properties set in the CIB\n"
    "options: --dry-run, --wait[=SECONDS]\n";

int list() {
    return print_cib_text(&crm::status::properties_text);
}

int run_property(const std::vector<std::string>& all) {
    VerbCall call;
    if (auto done = begin_verb(all, kUsage, Verb::optional, call))
        return *done;
    auto& [common, verb, args] = call;
    if (verb.empty())
        return list();
    if (verb == "list" || verb == "show" || verb == "config")
        return list();
    if (verb == "set") {
        crm::edit::NvList pairs;
        if (auto bad = read_pairs(args, kUsage, pairs))
            return *bad;
        if (pairs.empty())
            return usage_error("'property set' needs NAME=VALUE", kUsage);
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::property_set(cib, pairs, common.force);
        });
    }
    if (verb == "unset") {
        if (args.empty())
            return usage_error("'property unset' needs property names", kUsage);
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::property_unset(cib, args);
        });
    }
    return usage_error("unknown verb 'property " + verb + "'", kUsage);
}

const Registration reg{"property", "cluster options (pcs property ...)", &run_property};

}  // namespace
}  // namespace vigil
