#include "cli.h"

#include <charconv>
#include <cstdio>

namespace vigil {

std::optional<std::string> take_option(std::vector<std::string>& args, const std::string& name,
                                       std::string* error) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            if (i + 1 >= args.size()) {
                *error = name + " needs a value";
                return std::nullopt;
            }
            std::string v = args[i + 1];
            args.erase(args.begin() + static_cast<long>(i),
                       args.begin() + static_cast<long>(i) + 2);
            return v;
        }
        if (args[i].rfind(name + "=", 0) == 0) {
            std::string v = args[i].substr(name.size() + 1);
            args.erase(args.begin() + static_cast<long>(i));
            return v;
        }
    }
    return std::nullopt;
}

bool take_flag(std::vector<std::string>& args, const std::string& name) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == name) {
            args.erase(args.begin() + static_cast<long>(i));
            return true;
        }
    }
    return false;
}

CommonOptions take_common_options(std::vector<std::string>& args, std::string* error) {
    CommonOptions o;
    o.dry_run = take_flag(args, "--dry-run");
    o.force = take_flag(args, "--force");
    o.help = take_flag(args, "--help") | take_flag(args, "-h");
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--wait") {
            o.wait_seconds = 3600;  // pcs waits up to 60 minutes by default
        } else if (a.rfind("--wait=", 0) == 0) {
            std::string v = a.substr(7);
            int n = 0;
            auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
            if (ec != std::errc() || p != v.data() + v.size() || n < 0) {
                *error = "--wait='" + v + "' is not a number of seconds";
                return o;
            }
            o.wait_seconds = n;
        } else {
            continue;
        }
        args.erase(args.begin() + static_cast<long>(i));
        --i;
    }
    return o;
}

std::optional<std::pair<std::string, std::string>> split_pair(const std::string& token) {
    auto eq = token.find('=');
    if (eq == std::string::npos || eq == 0)
        return std::nullopt;
    return std::pair{token.substr(0, eq), token.substr(eq + 1)};
}

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "vigil: %s\n", message.c_str());
    return code;
}

int fail_edit(const std::string& message) {
    return fail(crm::edit::is_not_found(message) ? kExitNotFound : kExitInvalidConfig, message);
}

int usage_error(const std::string& message, const char* usage) {
    std::fprintf(stderr, "vigil: %s\n%s", message.c_str(), usage);
    return kExitUsage;
}

}  // namespace vigil
