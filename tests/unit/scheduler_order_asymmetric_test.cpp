// A mandatory order whose "first" cannot start: a one-way order
// (symmetrical=false) holds back only starts still to happen; a symmetrical
// one also stops what already runs after it. An order into a group holds
// back the group's start as a whole, every member still to start.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"
#include "scheduler_lines.h"

using namespace crm;

namespace {

// r0 is stopped by target-role; `then` follows it (mandatory order).
std::string cib_text(const std::string& then_rsc, const std::string& then_id, bool symmetrical,
                     const std::string& node1_lrm) {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><primitive id=\"r0\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"><meta_attributes id=\"r0-m\"><nvpair id=\"r0-t\" "
           "name=\"target-role\" value=\"Stopped\"/></meta_attributes></primitive>" +
           then_rsc + "</resources><constraints><rsc_order id=\"ord\" first=\"r0\" then=\"" +
           then_id + "\" kind=\"Mandatory\" symmetrical=\"" + (symmetrical ? "true" : "false") +
           "\"/></constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><lrm id=\"1\"><lrm_resources>" +
           node1_lrm +
           "</lrm_resources></lrm></node_state>"
           "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/></status></cib>";
}

const std::string kGroup = "<group id=\"g1\">" + dummy_xml("a") + dummy_xml("b") + "</group>";
const std::string kClone = "<clone id=\"c1\">" + dummy_xml("p1") + "</clone>";

}  // namespace

TEST_CASE("a one-way mandatory order leaves a running 'then' alone", "[scheduler]") {
    CHECK(schedule_lines(cib_text(dummy_xml("r1"), "r1", false, started_xml("r1"))) ==
          std::vector<std::string>{"placement r1 node1 Started"});
}

TEST_CASE("a symmetrical mandatory order stops a running 'then' whose 'first' cannot start",
          "[scheduler]") {
    CHECK(schedule_lines(cib_text(dummy_xml("r1"), "r1", true, started_xml("r1"))) ==
          std::vector<std::string>{"action stop r1 node1"});
}

TEST_CASE("a one-way order into a group: running members stay, the others wait", "[scheduler]") {
    CHECK(schedule_lines(cib_text(kGroup, "g1", false, started_xml("a"))) ==
          std::vector<std::string>{"placement a node1 Started", "action start b node1 blocked"});
}

TEST_CASE("a symmetrical order into a group stops every running member", "[scheduler]") {
    CHECK(schedule_lines(cib_text(kGroup, "g1", true, started_xml("a") + started_xml("b"))) ==
          std::vector<std::string>{"action stop a node1", "action stop b node1"});
}

TEST_CASE("a symmetrical order into a clone stops its running instances", "[scheduler]") {
    CHECK(schedule_lines(cib_text(kClone, "c1", true, started_xml("p1"))) ==
          std::vector<std::string>{"action start c1:p1 node2 blocked", "action stop c1:p1 node1"});
}

TEST_CASE("a starting 'first' does not restart an unmanaged 'then'", "[scheduler]") {
    // r0 starts (no target-role here); r1 runs unmanaged after it.
    std::string text = cib_text(
        "<primitive id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
        "<meta_attributes id=\"r1-m\"><nvpair id=\"r1-im\" name=\"is-managed\" "
        "value=\"false\"/></meta_attributes></primitive>",
        "r1", false, started_xml("r1"));
    auto at = text.find("<meta_attributes id=\"r0-m\">");
    auto end = text.find("</meta_attributes>", at);
    REQUIRE(at != std::string::npos);
    text.erase(at, end + std::string("</meta_attributes>").size() - at);
    auto out = schedule_lines(text);
    CHECK(out == std::vector<std::string>{"placement r0 node1 Started",
                                          "placement r1 node1 Started", "action start r0 node1"});
}

namespace {

// cib_text() with r0 free to start (its target-role removed).
std::string with_r0_starting(std::string text) {
    auto at = text.find("<meta_attributes id=\"r0-m\">");
    auto end = text.find("</meta_attributes>", at);
    REQUIRE(at != std::string::npos);
    text.erase(at, end + std::string("</meta_attributes>").size() - at);
    return text;
}

// A Dummy that sticks to where it runs.
std::string sticky(const std::string& id) {
    return "<primitive id=\"" + id +
           "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><meta_attributes id=\"" + id +
           "-m\"><nvpair id=\"" + id +
           "-s\" name=\"resource-stickiness\" value=\"100\"/></meta_attributes></primitive>";
}

}  // namespace

TEST_CASE("a starting 'first' of a one-way order does not restart a 'then' that stays",
          "[scheduler]") {
    CHECK(
        schedule_lines(with_r0_starting(cib_text(sticky("r1"), "r1", false, started_xml("r1")))) ==
        std::vector<std::string>{"placement r0 node1 Started", "placement r1 node1 Started",
                                 "action start r0 node1"});
    // A clone instance that stays is left alone the same way.
    auto clone = schedule_lines(with_r0_starting(cib_text(kClone, "c1", false, started_xml("p1"))));
    CHECK(std::find(clone.begin(), clone.end(), "action restart c1:p1 node1") == clone.end());
}

TEST_CASE("a starting 'first' of a symmetrical order restarts a 'then' that stays", "[scheduler]") {
    auto out =
        schedule_lines(with_r0_starting(cib_text(sticky("r1"), "r1", true, started_xml("r1"))));
    CHECK(std::find(out.begin(), out.end(), "action restart r1 node1") != out.end());
}

TEST_CASE("a one-way order holds back the start after a 'first' that is stopping", "[scheduler]") {
    // r0 runs on node1 but is to stop (target-role): its start cannot
    // happen, so r1, not running yet, cannot start after it.
    CHECK(schedule_lines(cib_text(dummy_xml("r1"), "r1", false, started_xml("r0"))) ==
          std::vector<std::string>{"action start r1 node1 blocked", "action stop r0 node1"});
}
