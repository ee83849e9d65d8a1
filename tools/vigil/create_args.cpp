#include "create_args.h"

#include "cli.h"

namespace vigil {

namespace {

crm::Result<CreateWords> parse(const std::vector<std::string>& words, bool allow_clone) {
    CreateWords out;
    enum class Mode { kParams, kOpAction, kOp, kMeta, kClone } mode = Mode::kParams;
    bool clone_id_allowed = false;
    for (const auto& w : words) {
        if (w == "op") {
            mode = Mode::kOpAction;
            continue;
        }
        if (w == "meta") {
            mode = Mode::kMeta;
            continue;
        }
        if (allow_clone && (w == "clone" || w == "--clone")) {
            if (out.clone)
                return crm::Error{"'clone' is given twice"};
            out.clone = true;
            mode = Mode::kClone;
            clone_id_allowed = true;
            continue;
        }
        if (!w.empty() && w[0] == '-' && w.find('=') == std::string::npos)
            return crm::Error{"unknown option '" + w + "'; see 'vigil help resource'"};
        auto kv = split_pair(w);
        switch (mode) {
            case Mode::kParams:
                if (!kv)
                    return crm::Error{"'" + w +
                                      "' is not NAME=VALUE; parameters are written "
                                      "like ip=192.168.1.200 (ops after 'op', meta attributes "
                                      "after 'meta')"};
                out.params.push_back(*kv);
                break;
            case Mode::kOpAction:
                if (kv)
                    return crm::Error{
                        "'op' must be followed by an action (monitor, start, stop, "
                        "...), not '" +
                        w + "'"};
                out.ops.push_back({w, {}});
                mode = Mode::kOp;
                break;
            case Mode::kOp:
                if (kv)
                    out.ops.back().attributes.push_back(*kv);
                else
                    out.ops.push_back({w, {}});  // pcs: a bare word starts the next op
                break;
            case Mode::kMeta:
                if (!kv)
                    return crm::Error{"'" + w + "' after 'meta' is not NAME=VALUE"};
                out.meta.push_back(*kv);
                break;
            case Mode::kClone:
                if (kv) {
                    out.clone_meta.push_back(*kv);
                } else if (clone_id_allowed) {
                    out.clone_id = w;
                } else {
                    return crm::Error{"'" + w + "' after 'clone' is not NAME=VALUE"};
                }
                clone_id_allowed = false;
                break;
        }
    }
    if (mode == Mode::kOpAction)
        return crm::Error{"'op' at the end names no action"};
    return out;
}

}  // namespace

crm::Result<CreateWords> parse_create_words(const std::vector<std::string>& words) {
    return parse(words, true);
}

crm::Result<CreateWords> parse_update_words(const std::vector<std::string>& words) {
    return parse(words, false);
}

}  // namespace vigil
