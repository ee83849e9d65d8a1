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

TEST_CASE("crm text that is not UTF-8 is refused with its place", "[syntax][hostile]") {
    // Found by fuzz_crm_syntax: a stray 0xb7 byte read, then the CIB could
    // not be written as XML.
    auto r = crm::syntax::parse_configure(
        "primitive a Dummy \\\n  op start timeout=\xb7"
        "70s\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find("line 2") != std::string::npos);
    CHECK(r.error().find("0xb7 is not valid UTF-8") != std::string::npos);
    for (const char* bad : {"primitive a \xc0\xaf", "primitive a \xed\xa0\x80",
                            "primitive a \xe2\x82", "primitive a \xf5\x80\x80\x80"}) {
        CHECK_FALSE(crm::syntax::parse_configure(bad).ok());
    }
    // Real UTF-8 is fine: a description in Spanish, as the seed's operators wrote.
    CHECK(crm::syntax::parse_configure("primitive a Dummy description=\"dirección\"\n").ok());
}
