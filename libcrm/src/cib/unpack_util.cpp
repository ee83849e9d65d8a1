#include "unpack_util.h"

#include <charconv>

#include <fmt/format.h>

#include "crm/common/strings.h"

namespace crm::cib::detail {

std::string describe(const xml::Node& n) {
    std::string id = n.attr("id");
    if (id.empty())
        return fmt::format("<{}>", n.name);
    return fmt::format("<{} id=\"{}\">", n.name, id);
}

std::optional<std::int64_t> parse_int(const std::string& text) {
    std::string_view t = trim(text);
    if (!t.empty() && t.front() == '+')
        t.remove_prefix(1);
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || ptr != t.data() + t.size() || t.empty())
        return std::nullopt;
    return v;
}

std::optional<bool> parse_optional_bool(const xml::Node& n, const char* attribute) {
    const std::string* v = n.find_attr(attribute);
    if (!v)
        return std::nullopt;
    return parse_bool(*v);
}

}  // namespace crm::cib::detail
