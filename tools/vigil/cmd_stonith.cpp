// vigil stonith create ID TYPE k=v... [op ...] [meta ...]; delete; show.
#include <cstdio>

#include "agent_metadata.h"
#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "create_args.h"
#include "crm/edit/resource_edit.h"
#include "resource_delete.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil stonith VERB ...\n"
    "  create ID TYPE [k=v...] [op ACTION k=v...]... [meta k=v...] [--group G] [--disabled]\n"
    "         [--no-default-ops]       (without it, a monitor every 60s is added)\n"
    "                                 a fencing device, class stonith (e.g. fence_xvm, null)\n"
    "  delete ID                      stop it (live), then remove it; --force skips the stop\n"
    "  show|config [ID]\n"
    "options: --dry-run, --wait[=SECONDS]\n";

int create(std::vector<std::string> args, const CommonOptions& common) {
    std::string err;
    auto group = take_option(args, "--group", &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    bool disabled = take_flag(args, "--disabled");
    bool no_default_ops = take_flag(args, "--no-default-ops");
    if (args.size() < 2)
        return usage_error("'stonith create' needs an ID and a fence agent type", kUsage);
    crm::edit::PrimitiveSpec spec;
    spec.id = args[0];
    std::string type = args[1];
    if (type.rfind("stonith:", 0) == 0)
        type = type.substr(8);
    if (type.find(':') != std::string::npos)
        return fail(kExitInvalidConfig, "fence agent type '" + args[1] +
                                            "' must be a plain name such as fence_xvm (class "
                                            "stonith has no provider)");
    spec.agent = "stonith:" + type;
    auto words = parse_update_words({args.begin() + 2, args.end()});
    if (!words)
        return usage_error(words.error(), kUsage);
    spec.params = words->params;
    spec.ops = words->ops;
    spec.meta = words->meta;
    if (!no_default_ops)
        spec.default_ops = fallback_default_ops();
    spec.group = group.value_or("");
    spec.disabled = disabled;
    return run_change(
        common, [&](const crm::xml::Node& cib) { return crm::edit::create_primitive(cib, spec); });
}

int run_stonith(const std::vector<std::string>& all) {
    VerbCall call;
    if (auto done = begin_verb(all, kUsage, Verb::required, call))
        return *done;
    auto& [common, verb, args] = call;
    if (verb == "create")
        return create(args, common);
    if (verb == "delete" || verb == "remove") {
        if (args.size() != 1)
            return usage_error("'stonith delete' needs one id", kUsage);
        // Checked before anything changes (the delete disables it first).
        CibSource src;
        if (int rc = load_cib(src); rc != kExitOk)
            return rc;
        const crm::xml::Node* el = crm::edit::find_resource(src.cib, args[0]);
        if (el && el->name == "primitive" && el->attr("class") != "stonith")
            return fail(kExitInvalidConfig,
                        "'" + args[0] + "' is not a fencing device; use 'vigil resource delete'");
        return delete_after_stop(args[0], common, [&](const crm::xml::Node& cib) {
            return crm::edit::delete_resource(cib, args[0]);
        });
    }
    if (verb == "show" || verb == "config") {
        CibSource src;
        if (int rc = load_cib(src); rc != kExitOk)
            return rc;
        int shown = 0;
        for (const auto& id : crm::edit::resource_ids(src.cib)) {
            const crm::xml::Node* el = crm::edit::find_resource(src.cib, id);
            if (el->name != "primitive" || el->attr("class") != "stonith")
                continue;
            if (!args.empty() && args[0] != id)
                continue;
            std::printf("%s\n", crm::xml::to_string(*el).c_str());
            ++shown;
        }
        if (!args.empty() && shown == 0)
            return fail(kExitNotFound, "no fencing device '" + args[0] + "'");
        if (shown == 0)
            std::printf("No fencing devices configured\n");
        return kExitOk;
    }
    return usage_error("unknown verb 'stonith " + verb + "'", kUsage);
}

const Registration reg{"stonith", "create and remove fencing devices (pcs stonith ...)",
                       &run_stonith};

}  // namespace
}  // namespace vigil
