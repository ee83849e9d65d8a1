// CPG messages carry their sender's protocol version; a member refuses any
// other version, naming the sender and both versions once.
#include <catch2/catch.hpp>

#include <string>

#include "cpg_message.h"

namespace {

std::string cleanup_with(const std::string& protocol_attr) {
    return "<vigil-cpg" + protocol_attr + R"( type="cleanup" req="4" node="n1" rsc="vip"/>)";
}

}  // namespace

TEST_CASE("cpg protocol: every encoded message carries this node's version", "[vigild][cpg]") {
    vigild::CpgMessage m;
    m.type = vigild::MsgType::cleanup;
    m.req = 4;
    m.rsc = "vip";
    const std::string bytes = vigild::encode(m);
    CHECK_THAT(bytes, Catch::Contains(" protocol=\"1\""));
    CHECK(vigild::cpg_protocol_of(bytes) == "1");
    auto back = vigild::decode_cpg(bytes);
    REQUIRE(back.ok());
    CHECK(*back == m);
}

TEST_CASE("cpg protocol: a message of another version is refused", "[vigild][cpg]") {
    REQUIRE(vigild::decode_cpg(cleanup_with(R"( protocol="1")")).ok());  // the control
    for (const auto& [attr, theirs] :
         {std::pair{std::string(R"( protocol="2")"), "2"},
          std::pair{std::string(R"( protocol="0")"), "0"},
          std::pair{std::string(R"( protocol="01")"), "01"}, std::pair{std::string(), "none"}}) {
        INFO(attr);
        auto r = vigild::decode_cpg(cleanup_with(attr));
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains(std::string("protocol version ") + theirs) &&
                                  Catch::Contains("this node speaks 1"));
        CHECK(vigild::cpg_protocol_of(cleanup_with(attr)) == theirs);
    }
}

TEST_CASE("cpg protocol: one log line per foreign sender, naming it and both versions",
          "[vigild][cpg]") {
    vigild::RefusalLog log;
    const vigild::MemberId sender{2, 200};
    const std::string v2 = cleanup_with(R"( protocol="2")");
    auto r = vigild::decode_cpg(v2);
    REQUIRE_FALSE(r.ok());
    const std::string first = log.on_refused(sender, "standby1", v2, r.error());
    CHECK_THAT(first, Catch::Contains("2:200") && Catch::Contains("standby1") &&
                          Catch::Contains("protocol version 2") &&
                          Catch::Contains("this node speaks version 1"));
    CHECK(log.on_refused(sender, "standby1", v2, r.error()).empty());  // said once
    // Another sender of that version is named too.
    CHECK_THAT(log.on_refused({3, 300}, "standby2", v2, r.error()), Catch::Contains("3:300"));
    // A malformed message of the right version is reported every time.
    const std::string bad = R"(<vigil-cpg protocol="1" type="reboot"/>)";
    auto m = vigild::decode_cpg(bad);
    REQUIRE_FALSE(m.ok());
    CHECK_THAT(log.on_refused(sender, "standby1", bad, m.error()),
               Catch::Contains("malformed") && Catch::Contains("unknown type 'reboot'"));
    CHECK_FALSE(log.on_refused(sender, "standby1", bad, m.error()).empty());
}
