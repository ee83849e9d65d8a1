#include "crm/common/duration.h"

#include <cctype>

#include "crm/common/strings.h"

namespace crm {
namespace {

// Reads digits (and an optional fraction for ISO seconds) from the front.
std::optional<double> take_number(std::string_view& s) {
    size_t i = 0;
    double value = 0;
    bool any = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        value = value * 10 + (s[i] - '0');
        any = true;
        ++i;
    }
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        double scale = 0.1;
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
            value += (s[i] - '0') * scale;
            scale /= 10;
            any = true;
            ++i;
        }
    }
    if (!any)
        return std::nullopt;
    s.remove_prefix(i);
    return value;
}

std::optional<std::int64_t> parse_iso8601(std::string_view s) {
    // P[nY][nM][nW][nD][T[nH][nM][nS]]; years and months use Pacemaker's
    // fixed lengths (365 and 30 days) since an interval has no start date.
    s.remove_prefix(1);  // 'P'
    bool in_time = false;
    bool any = false;
    double ms = 0;
    while (!s.empty()) {
        if (s.front() == 'T') {
            if (in_time)
                return std::nullopt;
            in_time = true;
            s.remove_prefix(1);
            continue;
        }
        auto n = take_number(s);
        if (!n || s.empty())
            return std::nullopt;
        char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(s.front())));
        s.remove_prefix(1);
        double factor = 0;
        if (!in_time) {
            switch (unit) {
                case 'Y':
                    factor = 365.0 * 86400000;
                    break;
                case 'M':
                    factor = 30.0 * 86400000;
                    break;
                case 'W':
                    factor = 7.0 * 86400000;
                    break;
                case 'D':
                    factor = 86400000;
                    break;
                // Pacemaker also takes hours and seconds without the 'T'
                // ("P40S"); only 'M' is ambiguous and means months here.
                case 'H':
                    factor = 3600000;
                    break;
                case 'S':
                    factor = 1000;
                    break;
                default:
                    return std::nullopt;
            }
        } else {
            switch (unit) {
                case 'H':
                    factor = 3600000;
                    break;
                case 'M':
                    factor = 60000;
                    break;
                case 'S':
                    factor = 1000;
                    break;
                default:
                    return std::nullopt;
            }
        }
        ms += *n * factor;
        any = true;
    }
    if (!any)
        return std::nullopt;
    return static_cast<std::int64_t>(ms + 0.5);
}

}  // namespace

std::optional<std::int64_t> parse_duration_ms(std::string_view text) {
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    if (text.front() == 'P' || text.front() == 'p')
        return parse_iso8601(text);
    std::string_view rest = text;
    auto n = take_number(rest);
    if (!n)
        return std::nullopt;
    rest = trim(rest);
    double factor;
    std::string unit = to_lower(rest);
    if (unit.empty() || unit == "s" || unit == "sec") {
        factor = 1000;
    } else if (unit == "ms" || unit == "msec") {
        factor = 1;
    } else if (unit == "us" || unit == "usec") {
        factor = 0.001;
    } else if (unit == "m" || unit == "min") {
        factor = 60000;
    } else if (unit == "h" || unit == "hr") {
        factor = 3600000;
    } else {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(*n * factor + 0.5);
}

std::string format_duration(std::int64_t ms) {
    if (ms == 0)
        return "0s";
    if (ms % 3600000 == 0)
        return std::to_string(ms / 3600000) + "h";
    if (ms % 60000 == 0)
        return std::to_string(ms / 60000) + "min";
    if (ms % 1000 == 0)
        return std::to_string(ms / 1000) + "s";
    return std::to_string(ms) + "ms";
}

}  // namespace crm
