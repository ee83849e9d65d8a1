#include "agent_op.h"

#include <fmt/format.h>

#include "crm/cib/validate.h"

namespace vigild {
namespace {

bool safe_name(const std::string& s) {
    if (s.empty() || s == "." || s == "..")
        return false;
    for (char c : s) {
        if (c == '/' || c == '\0')
            return false;
    }
    return true;
}

std::string env_key(std::string_view name) {
    std::string out(name);
    for (char& c : out) {
        if (c == '-' || c == '.')
            c = '_';
    }
    return out;
}

}  // namespace

crm::Result<std::string> agent_path(const std::string& ocf_root, const AgentOp& op) {
    if (op.cls != "ocf") {
        return crm::Error{fmt::format("resource {}: class '{}' is not supported by the executor",
                                      op.rsc, op.cls)};
    }
    if (!safe_name(op.provider) || !safe_name(op.type)) {
        return crm::Error{
            fmt::format("resource {}: invalid agent name ocf:{}:{}", op.rsc, op.provider, op.type)};
    }
    return fmt::format("{}/resource.d/{}/{}", ocf_root, op.provider, op.type);
}

crm::Status check_param_names(const AgentOp& op) {
    auto bad = [&](const std::map<std::string, std::string>& m, const char* what) -> std::string {
        for (const auto& [k, v] : m) {
            if (crm::cib::valid_param_name(k))
                continue;
            std::string shown;
            for (unsigned char c : k)
                shown += (c < 0x20 || c == 0x7f) ? fmt::format("\\x{:02x}", c) : std::string(1, c);
            return fmt::format(
                "resource {}: {} name '{}' is not [A-Za-z0-9_-]+; refusing to "
                "build its environment",
                op.rsc, what, shown);
        }
        return {};
    };
    std::string e = bad(op.params, "parameter");
    if (e.empty())
        e = bad(op.meta, "meta attribute");
    if (!e.empty())
        return crm::Error{e};
    return crm::ok_status();
}

std::vector<std::string> agent_environment(const AgentOp& op, const std::string& ocf_root) {
    std::vector<std::string> env{
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "OCF_ROOT=" + ocf_root,
        "OCF_RA_VERSION_MAJOR=1",
        "OCF_RA_VERSION_MINOR=1",
        "OCF_RESOURCE_INSTANCE=" + op.rsc,
        "OCF_RESOURCE_TYPE=" + op.type,
        "OCF_RESOURCE_PROVIDER=" + op.provider,
    };
    for (const auto& [k, v] : op.params) {
        if (crm::cib::valid_param_name(k))
            env.push_back("OCF_RESKEY_" + env_key(k) + "=" + v);
    }
    std::map<std::string, std::string> meta;
    for (const auto& [k, v] : op.meta) {
        if (crm::cib::valid_param_name(k))
            meta[k] = v;
    }
    meta["interval"] = std::to_string(op.interval_ms);
    meta["timeout"] = std::to_string(op.timeout_ms);
    meta["name"] = op.action;
    for (const auto& [k, v] : meta) {
        env.push_back("OCF_RESKEY_CRM_meta_" + env_key(k) + "=" + v);
    }
    return env;
}

std::string exit_reason_of(const std::string& text) {
    constexpr std::string_view tag = "ocf-exit-reason:";
    std::string reason;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        std::string_view line(text.data() + pos, end - pos);
        if (auto at = line.find(tag); at != std::string_view::npos) {
            std::string_view r = line.substr(at + tag.size());
            while (!r.empty() && (r.front() == ' ' || r.front() == '\t'))
                r.remove_prefix(1);
            while (!r.empty() && (r.back() == ' ' || r.back() == '\r'))
                r.remove_suffix(1);
            reason = r;
        }
        pos = end + 1;
    }
    return reason;
}

}  // namespace vigild
