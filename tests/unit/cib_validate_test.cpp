#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "crm/cib/digest.h"
#include "crm/cib/validate.h"
#include "crm/xml/xml_node.h"

namespace fs = std::filesystem;
using namespace crm;

namespace {

xml::Node seed() {
    auto doc = xml::parse_file(std::string(VIGIL_SOURCE_DIR) + "/tests/data/cib/seed.xml");
    REQUIRE(doc.ok());
    return std::move(*doc);
}

// Validates a seed variant changed by `edit` and expects one error containing `needle`.
void expect_error(void (*edit)(xml::Node&), const std::string& needle) {
    xml::Node cib = seed();
    edit(cib);
    auto problems = cib::validate(cib);
    INFO(cib::format_problems(problems));
    REQUIRE(cib::has_errors(problems));
    bool found = false;
    for (const auto& p : problems)
        found = found || p.message.find(needle) != std::string::npos;
    CHECK(found);
}

xml::Node& resources(xml::Node& cib) {
    return *cib.first_child("configuration")->first_child("resources");
}
xml::Node& constraints(xml::Node& cib) {
    return *cib.first_child("configuration")->first_child("constraints");
}

}  // namespace

TEST_CASE("the seed's CIB is valid", "[cib][validate]") {
    auto problems = cib::validate(seed());
    INFO(cib::format_problems(problems));
    CHECK(problems.empty());
}

TEST_CASE("invalid CIBs are refused naming the element and the problem", "[cib][validate]") {
    expect_error(
        [](xml::Node& c) {
            xml::Node p("primitive");
            p.set_attr("id", "IPVirtual_1").set_attr("class", "ocf").set_attr("provider", "x");
            p.set_attr("type", "Dummy");
            resources(c).add_child(p);
        },
        "duplicate id 'IPVirtual_1'");
    expect_error(
        [](xml::Node& c) {
            constraints(c).find_by_id("pref-cluster1")->set_attr("rsc", "IPVirtual_3");
        },
        "'IPVirtual_3' is not a configured resource");
    expect_error(
        [](xml::Node& c) {
            constraints(c).find_by_id("pref-cluster1")->set_attr("score", "fifty");
        },
        "score 'fifty' is not a number or INFINITY");
    expect_error([](xml::Node& c) { c.find_by_id("IPVirtual_2")->set_attr("class", "upstart"); },
                 "unknown agent class 'upstart'");
    expect_error([](xml::Node& c) { c.find_by_id("IPVirtual_2")->remove_attr("provider"); },
                 "needs a provider");
    expect_error(
        [](xml::Node& c) {
            c.find_by_id("cib-bootstrap-options-no-quorum-policy")->set_attr("value", "panic");
        },
        "no-quorum-policy: 'panic'");
    expect_error(
        [](xml::Node& c) {
            c.find_by_id("IPVirtual_2-start-interval-0s")->set_attr("timeout", "soon");
        },
        "timeout 'soon' is not a duration");
    expect_error(
        [](xml::Node& c) {
            xml::Node& g = *c.find_by_id("grupo1");
            xml::Node inner("group");
            inner.set_attr("id", "inner");
            inner.add_child(*c.find_by_id("IPVirtual_2"));
            inner.children.back().set_attr("id", "IPVirtual_9");
            g.add_child(inner);
        },
        "cannot be inside a group");
    expect_error([](xml::Node& c) { c.remove_attr("epoch"); }, "schema");
}

TEST_CASE("every tier1 corpus CIB passes validation", "[cib][validate][corpus]") {
    const fs::path tier1 = fs::path(VIGIL_SHARED_DIR) / "conformance/scheduler/tier1";
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(tier1)) {
        if (entry.path().extension() != ".xml")
            continue;
        auto doc = xml::parse_file(entry.path().string());
        REQUIRE(doc.ok());
        auto problems = cib::validate(*doc);
        INFO(entry.path().string() << "\n" << cib::format_problems(problems));
        CHECK_FALSE(cib::has_errors(problems));
        ++checked;
    }
    CHECK(checked > 50);
}

TEST_CASE("sha256 matches the standard test vectors", "[digest]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("the configuration digest ignores layout but not content", "[digest]") {
    xml::Node a = seed();
    xml::Node b = a;
    std::reverse(b.find_by_id("IPVirtual_1")->attributes.begin(),
                 b.find_by_id("IPVirtual_1")->attributes.end());
    b.set_attr("num_updates", "99");  // version attributes are outside <configuration>
    CHECK(cib::config_digest(a) == cib::config_digest(b));
    b.find_by_id("pref-cluster1")->set_attr("score", "51");
    CHECK(cib::config_digest(a) != cib::config_digest(b));
}

TEST_CASE("a CIB written by Vigil is accepted by Pacemaker's crm_verify", "[cib][crm_verify]") {
    xml::Node cib = seed();
    // Round-trip through Vigil's reader and writer, then ask Pacemaker.
    auto reread = xml::parse(xml::to_string(cib));
    REQUIRE(reread.ok());
    fs::path file = fs::temp_directory_path() / "vigil-crm-verify-test.xml";
    {
        std::ofstream out(file);
        out << xml::to_string(*reread);
    }
    std::string cmd = "crm_verify --xml-file " + file.string() + " >/dev/null 2>&1";
    int rc = std::system(cmd.c_str());
    fs::remove(file);
    REQUIRE(rc != -1);
    CHECK(WEXITSTATUS(rc) == 0);
    // And the check can fail: a dangling reference is refused by Pacemaker too.
    reread->find_by_id("orden1")->set_attr("then", "nope");
    {
        std::ofstream out(file);
        out << xml::to_string(*reread);
    }
    rc = std::system(cmd.c_str());
    fs::remove(file);
    CHECK(WEXITSTATUS(rc) != 0);
}
