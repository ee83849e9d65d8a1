// A colocation preference (a finite score) that would leave a resource no
// node to run on is rolled back: it counts only while some node remains.
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

// node1 online, node2 online unless `node2_down`; nothing runs yet.
std::string cib_text(const std::string& resources, const std::string& constraints,
                     bool node2_down) {
    std::string x =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration>"
        "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/></cluster_property_set></crm_config><nodes>"
        "<node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes><resources>" +
        resources + "</resources><constraints>" + constraints +
        "</constraints></configuration><status>"
        "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"/>";
    x += node2_down ? "<node_state id=\"2\" uname=\"node2\" in_ccm=\"false\" crmd=\"offline\" "
                      "join=\"down\" expected=\"down\"/>"
                    : "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
                      "join=\"member\" expected=\"member\"/>";
    return x + "</status></cib>";
}

bool has(const std::vector<std::string>& v, const std::string& line) {
    return std::find(v.begin(), v.end(), line) != v.end();
}

}  // namespace

TEST_CASE("a negative colocation preference does not keep a resource from its only node",
          "[scheduler]") {
    std::string col = "<rsc_colocation id=\"col\" rsc=\"r0\" with-rsc=\"r1\" score=\"-50\"/>";
    auto out = schedule_lines(cib_text(dummy_xml("r0") + dummy_xml("r1"), col, true));
    CHECK(has(out, "placement r1 node1 Started"));
    CHECK(has(out, "placement r0 node1 Started"));
    // With a second node the preference counts: r0 goes there.
    out = schedule_lines(cib_text(dummy_xml("r0") + dummy_xml("r1"), col, false));
    CHECK(has(out, "placement r0 node2 Started"));
}

TEST_CASE("a colocation preference is rolled back when other scores leave nowhere else",
          "[scheduler]") {
    // r0 dislikes node2 (-10) and r1's node1 (-50): both negative, so the
    // colocation is dropped and r0 runs on node1.
    std::string cons =
        "<rsc_location id=\"l1\" rsc=\"r1\" node=\"node1\" score=\"10\"/>"
        "<rsc_location id=\"l2\" rsc=\"r0\" node=\"node2\" score=\"-10\"/>"
        "<rsc_colocation id=\"col\" rsc=\"r0\" with-rsc=\"r1\" score=\"-50\"/>";
    auto out = schedule_lines(cib_text(dummy_xml("r0") + dummy_xml("r1"), cons, false));
    CHECK(has(out, "placement r0 node1 Started"));
    CHECK(has(out, "placement r1 node1 Started"));
}

TEST_CASE("a clone instance takes a disliked node when the others are full", "[scheduler]") {
    std::string clone = "<clone id=\"c0\">" + dummy_xml("p0") + "</clone>";
    std::string col = "<rsc_colocation id=\"col\" rsc=\"c0\" with-rsc=\"r1\" score=\"-50\"/>";
    auto out = schedule_lines(cib_text(clone + dummy_xml("r1"), col, false));
    CHECK(has(out, "placement c0:p0 node1 Started"));
    CHECK(has(out, "placement c0:p0 node2 Started"));
}
