#include <catch2/catch.hpp>

#include "crm/common/score.h"

using crm::Score;

TEST_CASE("score parsing accepts every spelling of infinity", "[score]") {
    for (const char* s : {"INFINITY", "+INFINITY", "infinity", "inf", "+inf", "INF", "Infinity"})
        CHECK(Score::parse(s) == Score::infinity());
    for (const char* s : {"-INFINITY", "-infinity", "-inf", "-INF"})
        CHECK(Score::parse(s) == Score::minus_infinity());
}

TEST_CASE("score parsing of integers clamps and rejects junk", "[score]") {
    CHECK(Score::parse("50")->value() == 50);
    CHECK(Score::parse("+50")->value() == 50);
    CHECK(Score::parse("-50")->value() == -50);
    CHECK(Score::parse(" 7 ")->value() == 7);
    CHECK(Score::parse("0")->value() == 0);
    CHECK(Score::parse("2000000") == Score::infinity());
    CHECK(Score::parse("-99999999999999999999") == Score::minus_infinity());
    for (const char* s : {"", "fifty", "5x", "--5", "+-5", "1.5", "INFINITYX", "+", "-"})
        CHECK_FALSE(Score::parse(s).has_value());
}

TEST_CASE("score addition saturates and -INFINITY wins", "[score]") {
    const Score inf = Score::infinity(), ninf = Score::minus_infinity();
    CHECK(inf + ninf == ninf);
    CHECK(ninf + inf == ninf);
    CHECK(inf + inf == inf);
    CHECK(inf + Score(-999999) == inf);
    CHECK(ninf + Score(999999) == ninf);
    CHECK(Score(999999) + Score(999999) == inf);
    CHECK(Score(-999999) + Score(-999999) == ninf);
    CHECK(Score(50) + Score(-20) == Score(30));
    // Exhaustive over a grid of interesting values: the result is always the
    // clamped sum unless an operand is +/-INFINITY.
    const long long vals[] = {-1000000, -999999, -500000, -1, 0, 1, 500000, 999999, 1000000};
    for (long long a : vals) {
        for (long long b : vals) {
            Score r = Score(a) + Score(b);
            if (a == -1000000 || b == -1000000) {
                CHECK(r == ninf);
            } else if (a == 1000000 || b == 1000000) {
                CHECK(r == inf);
            } else {
                long long s = std::clamp(a + b, -1000000LL, 1000000LL);
                CHECK(r.value() == s);
            }
        }
    }
}

TEST_CASE("score prints like Pacemaker", "[score]") {
    CHECK(Score::infinity().to_string() == "INFINITY");
    CHECK(Score::minus_infinity().to_string() == "-INFINITY");
    CHECK(Score(42).to_string() == "42");
}
