#include <catch2/catch.hpp>

#include "crm/common/duration.h"

using crm::format_duration;
using crm::parse_duration_ms;

TEST_CASE("durations in Pacemaker's units", "[duration]") {
    CHECK(parse_duration_ms("30") == 30000);
    CHECK(parse_duration_ms("30s") == 30000);
    CHECK(parse_duration_ms("30sec") == 30000);
    CHECK(parse_duration_ms("1500ms") == 1500);
    CHECK(parse_duration_ms("1500msec") == 1500);
    CHECK(parse_duration_ms("2min") == 120000);
    CHECK(parse_duration_ms("2m") == 120000);
    CHECK(parse_duration_ms("1h") == 3600000);
    CHECK(parse_duration_ms("1hr") == 3600000);
    CHECK(parse_duration_ms("0") == 0);
    CHECK(parse_duration_ms(" 10s ") == 10000);
    CHECK(parse_duration_ms("10 s") == 10000);
}

TEST_CASE("ISO 8601 durations", "[duration]") {
    CHECK(parse_duration_ms("PT30S") == 30000);
    CHECK(parse_duration_ms("PT2M") == 120000);
    CHECK(parse_duration_ms("PT1H30M") == 5400000);
    CHECK(parse_duration_ms("P1D") == 86400000);
    CHECK(parse_duration_ms("P1W") == 7 * 86400000LL);
    CHECK(parse_duration_ms("P1DT1S") == 86401000);
    CHECK(parse_duration_ms("PT0.5S") == 500);
    CHECK(parse_duration_ms("P40S") == 40000);  // accepted by Pacemaker too
}

TEST_CASE("bad durations are refused", "[duration]") {
    for (const char* s : {"", "abc", "10x", "s", "P", "PT", "PT1D", "P1X", "-5s", "1..5s"})
        CHECK_FALSE(parse_duration_ms(s).has_value());
}

TEST_CASE("durations print in their shortest exact unit", "[duration]") {
    CHECK(format_duration(0) == "0s");
    CHECK(format_duration(30000) == "30s");
    CHECK(format_duration(120000) == "2min");
    CHECK(format_duration(3600000) == "1h");
    CHECK(format_duration(1500) == "1500ms");
}
