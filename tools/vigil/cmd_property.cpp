// vigil property set|unset|list
#include <cstdio>

#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "crm/edit/property_edit.h"
#include "crm/status/config_report.h"

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
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    std::printf("%s", crm::status::properties_text(src.cib).c_str());
    return kExitOk;
}

int run_property(const std::vector<std::string>& all) {
    std::vector<std::string> args = all;
    std::string err;
    CommonOptions common = take_common_options(args, &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    if (common.help) {
        std::printf("%s", kUsage);
        return kExitOk;
    }
    if (args.empty())
        return list();
    std::string verb = args[0];
    args.erase(args.begin());
    if (verb == "list" || verb == "show" || verb == "config")
        return list();
    if (verb == "set") {
        crm::edit::NvList pairs;
        for (const auto& a : args) {
            auto kv = split_pair(a);
            if (!kv)
                return usage_error("'" + a + "' is not NAME=VALUE", kUsage);
            pairs.push_back(*kv);
        }
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
