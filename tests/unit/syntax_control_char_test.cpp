#include <catch2/catch.hpp>

#include <string>

#include "crm/syntax/configure.h"

TEST_CASE("crm text with control characters is refused with their place", "[syntax][hostile]") {
    // Found by fuzz_crm_syntax: a NUL inside a value read, then printed text
    // that could not be read back.
    std::string text = "primitive a Dummy\nlocation l a \\\n  rule -inf: date in start=2030-0";
    text += '\0';
    text += "1=2031-01-01\n";
    auto r = crm::syntax::parse_configure(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("line 3") != std::string::npos);
    CHECK(r.error().find("control character 0x00") != std::string::npos);
    // Tabs and CRLF line ends stay fine.
    CHECK(crm::syntax::parse_configure("primitive a\tDummy\r\n").ok());
}
