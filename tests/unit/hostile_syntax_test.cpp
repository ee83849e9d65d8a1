// Hostile crm configure text: what `vigil configure load` might be handed
// by mistake or on purpose. Each input either reads or is refused with
// "line L, column C: ...", in bounded time, and never crashes.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "crm/cib/cib.h"
#include "crm/syntax/configure.h"
#include "crm/syntax/lexer.h"

using crm::syntax::parse_configure;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Refused, saying where, without echoing megabytes of input back.
void check_refused_with_position(const std::string& text) {
    const auto t0 = std::chrono::steady_clock::now();
    auto r = parse_configure(text);
    CHECK(seconds_since(t0) < 20.0);
    REQUIRE_FALSE(r.ok());
    INFO(r.error().substr(0, 300));
    CHECK(r.error().rfind("line ", 0) == 0);
    CHECK(r.error().find(", column ") != std::string::npos);
}

}  // namespace

TEST_CASE("hostile syntax: a text ending in a backslash reads its last statement",
          "[hostile][syntax]") {
    // Once read past the end of the text (found by fuzz_crm_syntax).
    for (const char* text : {"primitive d1 Dummy \\", "primitive d1 Dummy \\  ", "\\"}) {
        INFO(text);
        auto tokens = crm::syntax::tokenize(text);
        REQUIRE(tokens.ok());
    }
    auto r = parse_configure("primitive d1 Dummy \\");
    REQUIRE(r.ok());
    CHECK(r->find_by_id("d1") != nullptr);
}

TEST_CASE("hostile syntax: huge tokens", "[hostile][syntax]") {
    const std::string huge(8u << 20, 'a');
    SECTION("an 8 MB keyword") {
        check_refused_with_position(huge + " d1 Dummy\n");
    }
    SECTION("an 8 MB quoted parameter value is kept verbatim") {
        const auto t0 = std::chrono::steady_clock::now();
        auto r = parse_configure("primitive d1 Dummy params v=\"" + huge + "\"\n");
        CHECK(seconds_since(t0) < 20.0);
        REQUIRE(r.ok());
        const auto* pair = r->find_by_id("d1-instance_attributes-v");
        REQUIRE(pair != nullptr);
        CHECK(pair->attr("value").size() == huge.size());
    }
    SECTION("an 8 MB score") {
        check_refused_with_position("location l1 d1 " + std::string(8u << 20, '9') +
                                    ": n1\nprimitive d1 Dummy\n");
    }
    SECTION("an 8 MB agent name with path characters") {
        std::string agent = "ocf:heartbeat:";
        for (int i = 0; i < (1 << 20); ++i)
            agent += "../";
        auto r = parse_configure("primitive d1 " + agent + "\n");
        if (!r.ok()) {
            CHECK(r.error().rfind("line 1, column ", 0) == 0);
        } else {
            // Read as written; the executor refuses to leave resource.d.
            CHECK(r->find_by_id("d1") != nullptr);
        }
    }
}

TEST_CASE("hostile syntax: unterminated quotes say where they opened", "[hostile][syntax]") {
    check_refused_with_position("primitive d1 Dummy params a=\"never closed\n" +
                                std::string(1u << 20, 'x'));
    check_refused_with_position("primitive d1 Dummy params a='x\n\n\n");
    check_refused_with_position("primitive d1 Dummy params a=\"ends in a backslash\\");
    auto r = parse_configure("node n1\nprimitive d1 Dummy params a=\"x\n");
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::StartsWith("line 2, column 29: unterminated quote"));
}

TEST_CASE("hostile syntax: deep and long rules and sets", "[hostile][syntax]") {
    SECTION("a rule of 20000 conditions") {
        std::string text = "primitive d1 Dummy\nlocation l1 d1 rule 100: #uname eq n0";
        for (int i = 1; i < 20000; ++i)
            text += (i % 2 ? " and #uname ne n" : " and a") + std::to_string(i) +
                    (i % 2 ? "" : " gt 1");
        text += "\n";
        const auto t0 = std::chrono::steady_clock::now();
        auto r = parse_configure(text);
        CHECK(seconds_since(t0) < 20.0);
        if (!r.ok())
            CHECK(r.error().rfind("line ", 0) == 0);
    }
    SECTION("mixed and/or, which crm rules cannot nest") {
        std::string text = "primitive d1 Dummy\nlocation l1 d1 rule 100: a eq 1";
        for (int i = 0; i < 5000; ++i)
            text += i % 2 ? " and a eq 1" : " or a eq 1";
        check_refused_with_position(text + "\n");
    }
    SECTION("sets nested 10000 deep") {
        std::string text = "primitive d1 Dummy\nprimitive d2 Dummy\norder o1 Mandatory: ";
        text += std::string(10000, '(') + " d1 d2 " + std::string(10000, ')');
        check_refused_with_position(text + "\n");
        text = "primitive d1 Dummy\ncolocation c1 inf: ";
        for (int i = 0; i < 10000; ++i)
            text += "( [ ";
        check_refused_with_position(text + "d1\n");
    }
    SECTION("an xml statement nested 100000 deep") {
        std::string text = "xml ";
        for (int i = 0; i < 100000; ++i)
            text += "<a>";
        for (int i = 0; i < 100000; ++i)
            text += "</a>";
        check_refused_with_position(text + "\n");
    }
    SECTION("100000 continuation lines") {
        std::string text = "primitive d1 Dummy params";
        for (int i = 0; i < 100000; ++i)
            text += " \\\n p" + std::to_string(i) + "=v";
        const auto t0 = std::chrono::steady_clock::now();
        auto r = parse_configure(text + "\n");
        CHECK(seconds_since(t0) < 20.0);
        REQUIRE(r.ok());
        CHECK(r->find_by_id("d1-instance_attributes-p99999") != nullptr);
    }
}

TEST_CASE("hostile syntax: control characters and binary junk", "[hostile][syntax]") {
    std::string junk;
    for (int i = 0; i < 4096; ++i)
        junk += static_cast<char>((i * 131 + 7) % 256);
    auto r = parse_configure(junk);
    if (!r.ok())
        CHECK(r.error().rfind("line ", 0) == 0);
    check_refused_with_position(std::string("primitive d\0 Dummy\n", 19));
}

TEST_CASE("hostile syntax: odd attribute names print so that they read back", "[hostile][syntax]") {
    // `property "\n"=` once printed a bare newline as the name (found by
    // fuzz_crm_syntax).
    for (const char* text : {"property \"\n\"=", "property \"a b\"=1", "property \"a=b\"=c",
                             "rsc_defaults \"x\\\"y\"=1", "node n1 attributes \"s p\"=v",
                             "primitive d1 Dummy params \"a'b\"=1 meta \"c\td\"=2"}) {
        INFO(text);
        auto configuration = parse_configure(text);
        REQUIRE(configuration.ok());
        const auto cib_xml = crm::syntax::wrap_in_cib(*configuration);
        auto cib = crm::cib::unpack(cib_xml);
        REQUIRE(cib.ok());
        auto printed = crm::syntax::print_configure(*cib, cib_xml);
        REQUIRE(printed.ok());
        INFO(*printed);
        auto again = parse_configure(*printed);
        REQUIRE(again.ok());
        CHECK(crm::xml::canonical(*again) == crm::xml::canonical(*configuration));
    }
}
