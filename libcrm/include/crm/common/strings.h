#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Pacemaker's boolean spelling: true/on/yes/y/1 and false/off/no/n/0, any case.
std::optional<bool> parse_bool(std::string_view text);

bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string_view trim(std::string_view s);

}  // namespace crm
