#include <catch2/catch.hpp>

#include "crm/xml/xml_node.h"

namespace xml = crm::xml;

TEST_CASE("xml reads and writes back attributes, children and comments", "[xml]") {
    const char* text = R"(<cib epoch="3"><!-- hi --><configuration><nodes>
      <node id="1" uname="a&amp;b"/></nodes></configuration></cib>)";
    auto doc = xml::parse(text);
    REQUIRE(doc.ok());
    CHECK(doc->attr("epoch") == "3");
    const xml::Node* node = doc->find_by_id("1");
    REQUIRE(node);
    CHECK(node->attr("uname") == "a&b");
    auto again = xml::parse(xml::to_string(*doc));
    REQUIRE(again.ok());
    CHECK(*again == *doc);
    CHECK(xml::to_string(*doc).find("<!-- hi -->") != std::string::npos);
}

TEST_CASE("xml attribute values with quotes and newlines survive", "[xml]") {
    xml::Node n("x");
    n.set_attr("v", "a\"b'c<d>&e\nf\tg");
    auto back = xml::parse(xml::to_string(n, false));
    REQUIRE(back.ok());
    CHECK(back->attr("v") == "a\"b'c<d>&e\nf\tg");
}

TEST_CASE("hostile xml is refused with a reason", "[xml][hostile]") {
    SECTION("external entity") {
        auto r = xml::parse(
            R"(<?xml version="1.0"?><!DOCTYPE cib [<!ENTITY x SYSTEM "file:///etc/passwd">]><cib>&x;</cib>)");
        REQUIRE_FALSE(r.ok());
    }
    SECTION("billion laughs") {
        std::string bomb = R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)";
        bomb += R"(<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">)";
        bomb += R"(<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">)";
        bomb += R"(]><lolz>&lol3;</lolz>)";
        auto r = xml::parse(bomb);
        REQUIRE_FALSE(r.ok());
        CHECK_FALSE(r.error().empty());
    }
    SECTION("deep nesting") {
        std::string deep;
        for (int i = 0; i < 200; ++i)
            deep += "<a>";
        for (int i = 0; i < 200; ++i)
            deep += "</a>";
        auto r = xml::parse(deep);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().find("deeper") != std::string::npos);
    }
    SECTION("oversized document") {
        std::string big = "<cib>" + std::string(2000, ' ') + "</cib>";
        xml::ParseLimits limits;
        limits.max_bytes = 1000;
        auto r = xml::parse(big, limits);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().find("limit") != std::string::npos);
    }
    SECTION("malformed") {
        auto r = xml::parse("<cib><configuration></cib>");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().find("line 1") != std::string::npos);
    }
}
