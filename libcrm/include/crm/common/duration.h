#pragma once
// Pacemaker's interval/timeout syntax parsed once into milliseconds:
// plain numbers are seconds; units ms/msec, s/sec, m/min, h/hr; ISO 8601
// durations such as "PT30S" or "P1DT2H".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

std::optional<std::int64_t> parse_duration_ms(std::string_view text);

// Shortest exact spelling Pacemaker tools print: "30s", "2min", "1500ms", "0s".
std::string format_duration(std::int64_t ms);

}  // namespace crm
