#include "verb_args.h"

#include <cstdio>

#include "cib_access.h"

namespace vigil {

std::optional<int> begin_verb(const std::vector<std::string>& all, const char* usage, Verb verb,
                              VerbCall& call) {
    call.args = all;
    std::string err;
    call.common = take_common_options(call.args, &err);
    if (!err.empty())
        return usage_error(err, usage);
    if (call.common.help) {
        std::printf("%s", usage);
        return kExitOk;
    }
    if (call.args.empty()) {
        if (verb == Verb::optional)
            return std::nullopt;
        std::printf("%s", usage);
        return kExitUsage;
    }
    call.verb = call.args.front();
    call.args.erase(call.args.begin());
    return std::nullopt;
}

std::optional<int> read_pairs(const std::vector<std::string>& words, const char* usage,
                              crm::edit::NvList& out) {
    for (const auto& w : words) {
        auto kv = split_pair(w);
        if (!kv)
            return usage_error("'" + w + "' is not NAME=VALUE", usage);
        out.push_back(*kv);
    }
    return std::nullopt;
}

int print_cib_text(std::string (*render)(const crm::xml::Node& cib)) {
    CibSource src;
    if (int rc = load_cib(src); rc != kExitOk)
        return rc;
    std::printf("%s", render(src.cib).c_str());
    return kExitOk;
}

}  // namespace vigil
