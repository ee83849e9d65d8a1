// Hostile CPG messages: what a misbehaving member (or anything that joined
// the group) could multicast. Every field is checked on receipt.
#include <catch2/catch.hpp>

#include <string>

#include "cpg_message.h"

namespace {

std::string action_with(const std::string& interval, const std::string& timeout) {
    return "<vigil-cpg protocol=\"1\" type=\"action\" node=\"n3\"><agent-op rsc=\"vip\" "
           "class=\"ocf\" "
           "provider=\"heartbeat\" type=\"IPaddr2\" action=\"monitor\" interval=\"" +
           interval + "\" timeout=\"" + timeout +
           "\" transition-key=\"\" expected-rc=\"0\"/></vigil-cpg>";
}

}  // namespace

TEST_CASE("hostile cpg: numbers that would wrap are refused", "[hostile][cpg]") {
    // Once decoded to a negative interval that re-encoded as "-1" and could
    // not be read back (found by fuzz_cpg_message).
    for (const char* big : {"9223372036854775808", "18446744073709551615"}) {
        INFO(big);
        CHECK_FALSE(vigild::decode_cpg(action_with(big, "20000")).ok());
        CHECK_FALSE(vigild::decode_cpg(action_with("0", big)).ok());
    }
    auto at_max = vigild::decode_cpg(action_with("9223372036854775807", "20000"));
    REQUIRE(at_max.ok());
    auto again = vigild::decode_cpg(vigild::encode(*at_max));
    REQUIRE(again.ok());
    CHECK(*again == *at_max);
}

TEST_CASE("hostile cpg: malformed messages are refused with a reason", "[hostile][cpg]") {
    const std::string bad[] = {
        "",
        "<vigil-cpg/>",
        R"(<vigil-cpg protocol="1" type="reboot"/>)",
        R"(<vigil-cpg protocol="1" type="state" view="1:x" version="0.1.0"/>)",
        R"(<vigil-cpg protocol="1" type="state" view="4294967296:1" version="0.1.0"/>)",
        R"(<vigil-cpg protocol="1" type="state" view="1:1" version="1.2"/>)",
        R"(<vigil-cpg protocol="1" type="sync" view="1:1"><cib/><cib/></vigil-cpg>)",
        R"(<vigil-cpg protocol="1" type="replace" req="-1"><cib/></vigil-cpg>)",
        R"(<vigil-cpg protocol="1" type="op-result" req="1" node=""><lrm_resource><lrm_rsc_op/></lrm_resource></vigil-cpg>)",
        R"(<vigil-cpg protocol="1" type="action" node="n1"><agent-op rsc="r" type="t" action="start" interval="0" timeout="1" expected-rc="256"/></vigil-cpg>)",
        R"(<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><vigil-cpg protocol="1" type="cleanup" req="1" node="&e;"/>)",
        R"(<vigil-request version="1" op="status" id="1"/>)",
    };
    for (const auto& doc : bad) {
        INFO(doc);
        auto r = vigild::decode_cpg(doc);
        REQUIRE_FALSE(r.ok());
        CHECK_FALSE(r.error().empty());
    }
    std::string big = R"(<vigil-cpg protocol="1" type="cleanup" req="1" node="" rsc="x"/>)";
    big.resize(17u << 20, ' ');
    auto r = vigild::decode_cpg(big);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("over the limit"));
}
