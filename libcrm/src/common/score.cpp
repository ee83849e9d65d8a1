#include "crm/common/score.h"

#include <charconv>

#include "crm/common/strings.h"

namespace crm {

std::optional<Score> Score::parse(std::string_view text) {
    text = trim(text);
    if (text.empty())
        return std::nullopt;
    std::string_view body = text;
    bool negative = false;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body.remove_prefix(1);
    }
    if (iequals(body, "INFINITY") || iequals(body, "inf")) {
        return negative ? minus_infinity() : infinity();
    }
    if (body.empty())
        return std::nullopt;
    // Digits only after the sign; from_chars rejects a second sign itself.
    long long magnitude = 0;
    bool overflow = false;
    for (char c : body) {
        if (c < '0' || c > '9')
            return std::nullopt;
        if (!overflow) {
            magnitude = magnitude * 10 + (c - '0');
            if (magnitude > 10LL * kInfinity)
                overflow = true;  // saturates anyway
        }
    }
    if (overflow)
        return negative ? minus_infinity() : infinity();
    return Score(negative ? -magnitude : magnitude);
}

std::string Score::to_string() const {
    if (is_infinity())
        return "INFINITY";
    if (is_minus_infinity())
        return "-INFINITY";
    return std::to_string(value_);
}

}  // namespace crm
