#include <catch2/catch.hpp>

#include "crm/ipc/protocol.h"

namespace ipc = crm::ipc;
namespace xml = crm::xml;

namespace {

xml::Node small_cib() {
    auto cib = xml::parse(R"(<cib admin_epoch="0" epoch="7" num_updates="2">
      <configuration><crm_config/><nodes/><resources/><constraints/></configuration>
      <status/></cib>)");
    REQUIRE(cib.ok());
    return *cib;
}

}  // namespace

TEST_CASE("ipc request round-trips for every op", "[ipc]") {
    ipc::Request q;
    q.op = ipc::Op::cib_query;
    q.id = 1;

    ipc::Request rep;
    rep.op = ipc::Op::cib_replace;
    rep.id = 2;
    rep.expect_epoch = ipc::CibVersion{0, 7, 2};
    rep.cib = small_cib();

    ipc::Request st;
    st.op = ipc::Op::status;
    st.id = 3;

    ipc::Request cl;
    cl.op = ipc::Op::cleanup;
    cl.id = 4;
    cl.resource = "IPVirtual_1";
    cl.node = "cluster1";

    ipc::Request w;
    w.op = ipc::Op::wait;
    w.id = 18446744073709551615ull;
    w.timeout_ms = 60000;

    for (const auto& r : {q, rep, st, cl, w}) {
        const std::string doc = ipc::encode_request(r);
        auto back = ipc::decode_request(doc);
        INFO(doc);
        REQUIRE(back.ok());
        CHECK(*back == r);
    }
    CHECK(ipc::encode_request(rep).find("expect-epoch=\"0.7.2\"") != std::string::npos);
}

TEST_CASE("ipc requests that are wrong are refused with a reason", "[ipc][hostile]") {
    struct Case {
        const char* doc;
        const char* reason;
    };
    const Case cases[] = {
        {R"(<vigil-request version="2" op="status" id="1"/>)", "unsupported protocol version"},
        {R"(<vigil-request op="status" id="1"/>)", "missing attribute 'version'"},
        {R"(<vigil-request version="1" op="reboot" id="1"/>)", "unknown operation"},
        {R"(<vigil-request version="1" id="1"/>)", "missing attribute 'op'"},
        {R"(<vigil-request version="1" op="status"/>)", "missing attribute 'id'"},
        {R"(<vigil-request version="1" op="status" id="-3"/>)", "not a non-negative integer"},
        {R"(<vigil-request version="1" op="status" id="1" force="yes"/>)",
         "unexpected attribute 'force'"},
        {R"(<vigil-request version="1" op="cib-replace" id="1"/>)", "exactly one <cib>"},
        {R"(<vigil-request version="1" op="cib-replace" id="1"><cib/><cib/></vigil-request>)",
         "exactly one <cib>"},
        {R"(<vigil-request version="1" op="cib-replace" id="1"><status/></vigil-request>)",
         "exactly one <cib>"},
        {R"(<vigil-request version="1" op="cib-replace" id="1" expect-epoch="1.2"><cib/></vigil-request>)",
         "admin_epoch.epoch.num_updates"},
        {R"(<vigil-request version="1" op="cib-replace" id="1"><cib epoch="x"/></vigil-request>)",
         "epoch=\"x\""},
        {R"(<vigil-request version="1" op="cib-query" id="1"><cib/></vigil-request>)",
         "takes no payload"},
        {R"(<vigil-request version="1" op="cleanup" id="1" resource=""/>)", "empty resource"},
        {R"(<vigil-request version="1" op="wait" id="1" timeout-ms="0"/>)", "between 1 and"},
        {R"(<vigil-request version="1" op="wait" id="1" timeout-ms="soon"/>)", "between 1 and"},
        {R"(<vigil-response version="1" id="1" rc="0"/>)", "expected <vigil-request>"},
        {R"(<vigil-request version="1" op="status" id="1">)", "request:"},
        {R"(<!DOCTYPE x [<!ENTITY a "b">]><vigil-request version="1" op="status" id="1"/>)",
         "request:"},
    };
    for (const auto& c : cases) {
        INFO(c.doc);
        auto r = ipc::decode_request(c.doc);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains(c.reason));
    }
}

TEST_CASE("ipc a refused request's id can still be read for the answer", "[ipc]") {
    CHECK(ipc::peek_request_id(R"(<vigil-request version="9" op="x" id="42"/>)") == 42);
    CHECK(ipc::peek_request_id("garbage") == 0);
}

TEST_CASE("ipc response round-trips with status, cib and message", "[ipc]") {
    ipc::Response r;
    r.id = 9;
    r.rc = ipc::Rc::ok;
    r.status = ipc::ClusterStatus{
        "cluster_tfm", "cluster1",
        true,          "1.1c",
        "standby1",    {{1, "cluster1", true}, {2, "standby1", true}, {3, "standby2", false}}};
    r.cib = small_cib();
    auto back = ipc::decode_response(ipc::encode_response(r));
    REQUIRE(back.ok());
    CHECK(*back == r);

    auto conflict = ipc::refusal(5, ipc::Rc::conflict, "CIB is at 0.8.0, not 0.7.2");
    auto back2 = ipc::decode_response(ipc::encode_response(conflict));
    REQUIRE(back2.ok());
    CHECK(back2->rc == ipc::Rc::conflict);
    CHECK(back2->message == "CIB is at 0.8.0, not 0.7.2");
    CHECK(ipc::rc_name(back2->rc) == "conflict");
}

TEST_CASE("ipc responses that are wrong are refused", "[ipc][hostile]") {
    for (
        const char* doc : {
            R"(<vigil-response version="1" id="1" rc="99"/>)",
            R"(<vigil-response version="1" id="1" rc="ok"/>)",
            R"(<vigil-response version="1" id="1" rc="0"><cib/><cib/></vigil-response>)",
            R"(<vigil-response version="1" id="1" rc="0"><cluster-status quorate="maybe"/></vigil-response>)",
            R"(<vigil-response version="1" id="1" rc="0"><cluster-status quorate="true"><member id="x" online="true"/></cluster-status></vigil-response>)",
            R"(<vigil-response version="0" id="1" rc="0"/>)",
        }) {
        INFO(doc);
        CHECK_FALSE(ipc::decode_response(doc).ok());
    }
}

TEST_CASE("ipc cib versions parse, print and order", "[ipc]") {
    auto v = ipc::parse_cib_version("1.20.3");
    REQUIRE(v.ok());
    CHECK(ipc::to_string(*v) == "1.20.3");
    CHECK(ipc::CibVersion{0, 9, 100} < ipc::CibVersion{0, 10, 0});
    CHECK(ipc::CibVersion{1, 0, 0} > ipc::CibVersion{0, 99, 99});
    for (const char* bad : {"", "1", "1.2", "1.2.3.4", "a.b.c", "1..3", "-1.2.3", "1.2.3 "}) {
        INFO(bad);
        CHECK_FALSE(ipc::parse_cib_version(bad).ok());
    }
}

TEST_CASE("ipc frames split a byte stream into documents", "[ipc]") {
    std::string stream = ipc::frame("<a/>") + ipc::frame("<bb/>");
    ipc::FrameReader reader;
    // Byte by byte: a frame only comes out once complete.
    std::vector<std::string> got;
    for (char c : stream) {
        reader.feed(std::string_view(&c, 1));
        auto n = reader.next();
        REQUIRE(n.ok());
        if (*n)
            got.push_back(**n);
    }
    CHECK(got == std::vector<std::string>{"<a/>", "<bb/>"});
    CHECK(reader.pending() == 0);

    CHECK(ipc::frame("xyz").substr(0, 4) == std::string("\0\0\0\3", 4));
}

TEST_CASE("ipc frames over the limit or empty are protocol errors", "[ipc][hostile]") {
    ipc::FrameReader reader(100);
    reader.feed(std::string("\0\0\0\x65", 4));  // 101 bytes announced
    auto n = reader.next();
    REQUIRE_FALSE(n.ok());
    CHECK_THAT(n.error(), Catch::Contains("exceeds the limit"));

    ipc::FrameReader big;
    big.feed(std::string("\x01\0\0\x01", 4));  // 16 MiB + 1
    CHECK_FALSE(big.next().ok());

    ipc::FrameReader empty;
    empty.feed(std::string("\0\0\0\0", 4));
    CHECK_FALSE(empty.next().ok());
}

TEST_CASE("ipc socket path comes from VIGIL_SOCKET when set", "[ipc]") {
    CHECK(ipc::socket_path(nullptr) == "/run/vigil/vigild.sock");
    CHECK(ipc::socket_path("") == "/run/vigil/vigild.sock");
    CHECK(ipc::socket_path("/tmp/x.sock") == "/tmp/x.sock");
}
