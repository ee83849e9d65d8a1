// vigil cib show | cib push FILE
#include <cstdio>

#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "config_text.h"
#include "crm/edit/config_edit.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil cib VERB ...\n"
    "  show              the whole CIB as XML (cibadmin -Q, pcs cluster cib)\n"
    "  push FILE|-       replace the configuration with the one in FILE (a <cib> or\n"
    "                    <configuration>); the status section is kept\n"
    "options: --dry-run, --wait[=SECONDS]\n";

int run_cib(const std::vector<std::string>& all) {
    std::vector<std::string> args = all;
    std::string err;
    CommonOptions common = take_common_options(args, &err);
    if (!err.empty())
        return usage_error(err, kUsage);
    if (common.help) {
        std::printf("%s", kUsage);
        return kExitOk;
    }
    if (args.empty() || args[0] == "show") {
        CibSource src;
        if (int rc = load_cib(src); rc != kExitOk)
            return rc;
        std::printf("%s\n", crm::xml::to_string(src.cib).c_str());
        return kExitOk;
    }
    if (args[0] == "push") {
        if (args.size() != 2)
            return usage_error("'cib push' needs a FILE", kUsage);
        auto text = read_text(args[1], &err);
        if (!text)
            return fail(kExitNotFound, err);
        auto doc = crm::xml::parse(*text);
        if (!doc)
            return fail(kExitInvalidConfig, args[1] + ": " + doc.error());
        crm::xml::Node conf;
        if (doc->name == "cib") {
            const crm::xml::Node* c = doc->first_child("configuration");
            if (!c)
                return fail(kExitInvalidConfig, args[1] + ": the <cib> has no <configuration>");
            conf = *c;
        } else if (doc->name == "configuration") {
            conf = *doc;
        } else {
            return fail(kExitInvalidConfig, args[1] + ": root is <" + doc->name +
                                                ">; expected <cib> or <configuration>");
        }
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::replace_configuration(cib, conf);
        });
    }
    return usage_error("unknown verb 'cib " + args[0] + "'", kUsage);
}

const Registration reg{"cib", "the raw CIB XML: show, push (cibadmin -Q / --replace)", &run_cib};

}  // namespace
}  // namespace vigil
