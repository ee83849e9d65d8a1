// vigil cib show | cib push FILE
#include <cstdio>

#include "change.h"
#include "cib_access.h"
#include "cli.h"
#include "config_text.h"
#include "crm/edit/config_edit.h"
#include "verb_args.h"

namespace vigil {
namespace {

const char* const kUsage =
    "usage: vigil cib VERB ...\n"
    "  show              the whole CIB as XML (cibadmin -Q, pcs cluster cib)\n"
    "  push FILE|-       replace the configuration with the one in FILE (a <cib> or\n"
    "                    <configuration>); the status section is kept\n"
    "options: --dry-run, --wait[=SECONDS]\n";

int run_cib(const std::vector<std::string>& all) {
    VerbCall call;
    if (auto done = begin_verb(all, kUsage, Verb::optional, call))
        return *done;
    auto& [common, verb, args] = call;
    if (verb.empty() || verb == "show") {
        CibSource src;
        if (int rc = load_cib(src); rc != kExitOk)
            return rc;
        std::printf("%s\n", crm::xml::to_string(src.cib).c_str());
        return kExitOk;
    }
    if (verb == "push") {
        if (args.size() != 1)
            return usage_error("'cib push' needs a FILE", kUsage);
        const std::string& file = args[0];
        std::string err;
        auto text = read_text(file, &err);
        if (!text)
            return fail(kExitNotFound, err);
        auto doc = crm::xml::parse(*text);
        if (!doc)
            return fail(kExitInvalidConfig, file + ": " + doc.error());
        crm::xml::Node conf;
        if (doc->name == "cib") {
            const crm::xml::Node* c = doc->first_child("configuration");
            if (!c)
                return fail(kExitInvalidConfig, file + ": the <cib> has no <configuration>");
            conf = *c;
        } else if (doc->name == "configuration") {
            conf = *doc;
        } else {
            return fail(kExitInvalidConfig,
                        file + ": root is <" + doc->name + ">; expected <cib> or <configuration>");
        }
        return run_change(common, [&](const crm::xml::Node& cib) {
            return crm::edit::replace_configuration(cib, conf);
        });
    }
    return usage_error("unknown verb 'cib " + verb + "'", kUsage);
}

const Registration reg{"cib", "the raw CIB XML: show, push (cibadmin -Q / --replace)", &run_cib};

}  // namespace
}  // namespace vigil
