// no-quorum-policy demote and fence (suicide) on one small cluster: a fence
// device, two primitives, a promotable clone promoted on node1 and
// unpromoted on node2, and a plain clone on node1. Every expectation below
// is what crm_simulate (Pacemaker 2.1.5) gives on the same CIB, with
// "suicide" (2.1.5 does not know the newer name "fence" yet).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

struct Case {
    std::string policy;
    bool quorum = false;
    bool panic = true;  // the partition had quorum and lost it
    bool fencing = true;
    bool node3_online = true;
    bool unpromoted_failed = false;
};

std::string op(const std::string& rsc, const std::string& type, const std::string& task) {
    return "<lrm_resource id=\"" + rsc + "\" class=\"ocf\" provider=\"pacemaker\" type=\"" + type +
           "\"><lrm_rsc_op id=\"" + rsc + "_last_0\" operation_key=\"" + rsc + "_" + task +
           "_0\" operation=\"" + task +
           "\" transition-key=\"1:0:0:x\" transition-magic=\"0:0;1:0:0:x\" rc-code=\"0\" "
           "op-status=\"0\" call-id=\"11\" interval=\"0\" last-rc-change=\"1000\" "
           "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>";
}

std::string node_state(int i, bool online, const std::string& lrm, int promotion) {
    std::string n = std::to_string(i);
    if (!online)
        return "<node_state id=\"" + n + "\" uname=\"node" + n +
               "\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" expected=\"down\"/>";
    return "<node_state id=\"" + n + "\" uname=\"node" + n +
           "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"" + n +
           "\"><lrm_resources>" + lrm + "</lrm_resources></lrm><transient_attributes id=\"" + n +
           "\"><instance_attributes id=\"t" + n + "\"><nvpair id=\"a" + n +
           "\" name=\"master-s\" value=\"" + std::to_string(promotion) +
           "\"/></instance_attributes></transient_attributes></node_state>";
}

std::string cib(const Case& c) {
    std::string x =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" dc-uuid=\"1\" have-quorum=\"" +
        std::string(c.quorum ? "1" : "0") + "\"" + (c.panic ? " no-quorum-panic=\"1\"" : "") +
        "><configuration><crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" "
        "name=\"stonith-enabled\" value=\"" +
        (c.fencing ? "true" : "false") +
        "\"/><nvpair id=\"o2\" name=\"no-quorum-policy\" value=\"" + c.policy +
        "\"/></cluster_property_set></crm_config><nodes><node id=\"1\" "
        "uname=\"node1\"/><node id=\"2\" uname=\"node2\"/><node id=\"3\" "
        "uname=\"node3\"/></nodes><resources><primitive id=\"Fencing\" "
        "class=\"stonith\" type=\"fence_dummy\"/>" +
        dummy_xml("r1") + dummy_xml("r2") +
        "<clone id=\"ms\"><meta_attributes id=\"msm\"><nvpair id=\"msm1\" "
        "name=\"promotable\" value=\"true\"/></meta_attributes><primitive id=\"s\" "
        "class=\"ocf\" provider=\"pacemaker\" type=\"Stateful\"/></clone><clone "
        "id=\"cl\">" +
        dummy_xml("d") + "</clone></resources><constraints/></configuration><status>";
    std::string fencing =
        "<lrm_resource id=\"Fencing\" class=\"stonith\" type=\"fence_dummy\"><lrm_rsc_op "
        "id=\"Fencing_last_0\" operation_key=\"Fencing_start_0\" operation=\"start\" "
        "transition-key=\"1:0:0:x\" transition-magic=\"0:0;1:0:0:x\" rc-code=\"0\" op-status=\"0\" "
        "call-id=\"11\" interval=\"0\" last-rc-change=\"1000\" "
        "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>";
    std::string failure =
        c.unpromoted_failed
            ? "<lrm_rsc_op id=\"s_last_failure_0\" operation_key=\"s_monitor_10000\" "
              "operation=\"monitor\" transition-key=\"2:0:0:x\" transition-magic=\"0:1;2:0:0:x\" "
              "rc-code=\"1\" op-status=\"0\" call-id=\"12\" interval=\"10000\" "
              "last-rc-change=\"1001\"/>"
            : "";
    x += node_state(1, true,
                    fencing + op("s", "Stateful", "promote") + "</lrm_resource>" +
                        op("d", "Dummy", "start") + "</lrm_resource>" + op("r1", "Dummy", "start") +
                        "</lrm_resource>",
                    10);
    x += node_state(2, true,
                    op("s", "Stateful", "start") + failure + "</lrm_resource>" +
                        op("r2", "Dummy", "start") + "</lrm_resource>",
                    5);
    // node3 has been probed: nothing runs there.
    std::string probed;
    for (const char* r : {"s", "d", "r1", "r2"})
        probed += "<lrm_resource id=\"" + std::string(r) +
                  "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><lrm_rsc_op id=\"" + r +
                  "_last_0\" operation_key=\"" + r +
                  "_monitor_0\" operation=\"monitor\" transition-key=\"1:0:0:x\" "
                  "transition-magic=\"0:7;1:0:0:x\" rc-code=\"7\" op-status=\"0\" call-id=\"1\" "
                  "interval=\"0\" last-rc-change=\"1000\"/></lrm_resource>";
    probed +=
        "<lrm_resource id=\"Fencing\" class=\"stonith\" type=\"fence_dummy\"><lrm_rsc_op "
        "id=\"Fencing_last_0\" operation_key=\"Fencing_monitor_0\" operation=\"monitor\" "
        "transition-key=\"1:0:0:x\" transition-magic=\"0:7;1:0:0:x\" rc-code=\"7\" op-status=\"0\" "
        "call-id=\"1\" interval=\"0\" last-rc-change=\"1000\"/></lrm_resource>";
    x += node_state(3, c.node3_online, probed, 1);
    return x + "</status></cib>";
}

std::vector<std::string> actions(const Case& c) {
    std::vector<std::string> out;
    for (auto& l : schedule_lines(cib(c)))
        if (l.rfind("action ", 0) == 0)
            out.push_back(l);
    return out;
}

// What no-quorum-policy=stop does here: everything stops, nothing starts.
const std::vector<std::string> kAllStop = {"action start cl:d node2 blocked",
                                           "action start cl:d node3 blocked",
                                           "action start ms:s node3 blocked",
                                           "action stop Fencing node1",
                                           "action stop cl:d node1",
                                           "action stop ms:s node1 role=Promoted",
                                           "action stop ms:s node2 role=Unpromoted",
                                           "action stop r1 node1",
                                           "action stop r2 node2"};

}  // namespace

TEST_CASE("no quorum, demote: promoted instances demote, the rest stops", "[scheduler]") {
    CHECK(actions({"demote"}) == std::vector<std::string>{
                                     "action demote ms:s node1 role=Promoted->Unpromoted",
                                     "action start cl:d node2 blocked",
                                     "action start cl:d node3 blocked",
                                     "action start ms:s node3 blocked",
                                     "action stop Fencing node1",
                                     "action stop cl:d node1",
                                     "action stop r1 node1",
                                     "action stop r2 node2",
                                 });
}

TEST_CASE("no quorum, demote: a failed unpromoted instance recovers in place", "[scheduler]") {
    Case c{"demote"};
    c.unpromoted_failed = true;
    auto out = actions(c);
    CHECK(std::find(out.begin(), out.end(), "action recover ms:s node2 role=Unpromoted") !=
          out.end());
    CHECK(std::find(out.begin(), out.end(), "action demote ms:s node1 role=Promoted->Unpromoted") !=
          out.end());
}

TEST_CASE("demote with quorum changes nothing about promotion", "[scheduler]") {
    Case c{"demote"};
    c.quorum = true;
    for (const auto& l : actions(c))
        CHECK((l.find("ms:s") == std::string::npos || l == "action start ms:s node3"));
}

TEST_CASE("no quorum, fence: every member of the partition is fenced", "[scheduler]") {
    for (const char* name : {"fence", "suicide"}) {
        Case c{name};
        auto out = actions(c);
        CHECK(out == std::vector<std::string>{
                         "action fence node1 reboot", "action fence node2 reboot",
                         "action fence node3 reboot", "action stop Fencing node1",
                         "action stop cl:d node1", "action stop ms:s node1 role=Promoted",
                         "action stop ms:s node2 role=Unpromoted", "action stop r1 node1",
                         "action stop r2 node2"});
    }
}

TEST_CASE("no quorum, fence: a node outside the partition is not fenced", "[scheduler]") {
    Case c{"suicide"};
    c.node3_online = false;
    auto out = actions(c);
    CHECK(std::find(out.begin(), out.end(), "action fence node1 reboot") != out.end());
    CHECK(std::find(out.begin(), out.end(), "action fence node2 reboot") != out.end());
    CHECK(std::find(out.begin(), out.end(), "action fence node3 reboot") == out.end());
}

TEST_CASE("fence acts as stop when the partition never had quorum or cannot fence", "[scheduler]") {
    Case never{"fence"};
    never.panic = false;
    CHECK(actions(never) == kAllStop);
    Case unfenced{"fence"};
    unfenced.fencing = false;
    CHECK(actions(unfenced) == kAllStop);
}

TEST_CASE("fence with quorum fences nobody", "[scheduler]") {
    Case c{"suicide"};
    c.quorum = true;
    for (const auto& l : actions(c))
        CHECK(l.rfind("action fence", 0) != 0);
}

TEST_CASE("an unknown no-quorum-policy is refused by name", "[scheduler]") {
    auto doc = crm::xml::parse(cib({"panic"}));
    REQUIRE(doc.ok());
    auto c = crm::cib::unpack(*doc);
    REQUIRE(c.ok());
    auto t = crm::scheduler::schedule(*c, {});
    REQUIRE(!t.ok());
    CHECK(t.error().find("no-quorum-policy=panic") != std::string::npos);
}
