// CIB versions as the protocol spells them ("admin.epoch.num_updates").
#include <charconv>

#include <fmt/format.h>

#include "crm/ipc/protocol.h"

namespace crm::ipc {
namespace {

std::optional<std::uint64_t> parse_u64(std::string_view s) {
    if (s.empty())
        return std::nullopt;
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

}  // namespace

Result<CibVersion> parse_cib_version(std::string_view text) {
    const auto bad = [&] {
        return Error{fmt::format(
            "CIB version '{}' is not admin_epoch.epoch.num_updates (three non-negative integers)",
            text)};
    };
    const auto d1 = text.find('.');
    if (d1 == std::string_view::npos)
        return bad();
    const auto d2 = text.find('.', d1 + 1);
    if (d2 == std::string_view::npos)
        return bad();
    auto a = parse_u64(text.substr(0, d1));
    auto e = parse_u64(text.substr(d1 + 1, d2 - d1 - 1));
    auto u = parse_u64(text.substr(d2 + 1));
    if (!a || !e || !u)
        return bad();
    return CibVersion{*a, *e, *u};
}

std::string to_string(const CibVersion& v) {
    return fmt::format("{}.{}.{}", v.admin_epoch, v.epoch, v.num_updates);
}

Result<CibVersion> cib_version_of(const xml::Node& cib) {
    CibVersion v;
    struct Field {
        const char* name;
        std::uint64_t* out;
    };
    for (Field f : {Field{"admin_epoch", &v.admin_epoch}, Field{"epoch", &v.epoch},
                    Field{"num_updates", &v.num_updates}}) {
        const std::string* s = cib.find_attr(f.name);
        if (s == nullptr)
            continue;
        auto n = parse_u64(*s);
        if (!n) {
            return Error{fmt::format("<cib {}=\"{}\">: not a non-negative integer", f.name, *s)};
        }
        *f.out = *n;
    }
    return v;
}

}  // namespace crm::ipc
