#pragma once
// Pacemaker scores: integers clamped to [-INFINITY, +INFINITY] where
// INFINITY = 1000000. Addition saturates, and -INFINITY wins over +INFINITY
// (a ban is stronger than a preference).
#include <optional>
#include <string>
#include <string_view>

namespace crm {

class Score {
  public:
    static constexpr int kInfinity = 1000000;

    constexpr Score() = default;
    constexpr explicit Score(long long v) : value_(clamp(v)) {}

    static constexpr Score infinity() { return Score(kInfinity); }
    static constexpr Score minus_infinity() { return Score(-kInfinity); }

    constexpr int value() const { return value_; }
    constexpr bool is_infinity() const { return value_ >= kInfinity; }
    constexpr bool is_minus_infinity() const { return value_ <= -kInfinity; }

    // Pacemaker's pcmk__add_scores: -INF dominates, then +INF, else clamped sum.
    friend constexpr Score operator+(Score a, Score b) {
        if (a.is_minus_infinity() || b.is_minus_infinity())
            return minus_infinity();
        if (a.is_infinity() || b.is_infinity())
            return infinity();
        return Score(static_cast<long long>(a.value_) + b.value_);
    }
    Score& operator+=(Score o) { return *this = *this + o; }
    friend constexpr auto operator<=>(Score a, Score b) = default;

    // "INFINITY", "-INFINITY", "+INFINITY", "inf", "-inf", "+inf" (any case),
    // or a decimal integer (clamped). Anything else is not a score.
    static std::optional<Score> parse(std::string_view text);
    std::string to_string() const;

  private:
    static constexpr int clamp(long long v) {
        return v > kInfinity ? kInfinity : (v < -kInfinity ? -kInfinity : static_cast<int>(v));
    }
    int value_ = 0;
};

}  // namespace crm
