// target-role is the primitive's own setting: what it inherits from its
// group or clone, unless it says otherwise itself. Checked against
// Pacemaker 2.1.5's crm_simulate -S on the same CIB.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

std::string with_role(const std::string& id, const std::string& role) {
    return "<primitive id=\"" + id +
           "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><meta_attributes id=\"" + id +
           "-m\"><nvpair id=\"" + id + "-t\" name=\"target-role\" value=\"" + role +
           "\"/></meta_attributes></primitive>";
}

std::string stopped_meta(const std::string& id) {
    return "<meta_attributes id=\"" + id + "-m\"><nvpair id=\"" + id +
           "-t\" name=\"target-role\" value=\"Stopped\"/></meta_attributes>";
}

}  // namespace

TEST_CASE("a member that says Started runs although its group or clone says Stopped",
          "[scheduler]") {
    std::string text =
        kCibHead +
        "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
        "<resources><group id=\"g\">" +
        stopped_meta("g") + with_role("g1", "Started") + dummy_xml("g2") +
        "</group><clone id=\"c\">" + stopped_meta("c") + with_role("c1", "Started") +
        "</clone></resources><constraints/></configuration><status><node_state id=\"1\" "
        "uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
        "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"/></status></cib>";
    auto out = schedule_lines(text);
    std::sort(out.begin(), out.end());
    // g2 inherits the group's Stopped; g1 and the clone's instances run.
    CHECK(out == std::vector<std::string>{"action start c:c1 node1", "action start c:c1 node2",
                                          "action start g1 node1", "placement c:c1 node1 Started",
                                          "placement c:c1 node2 Started",
                                          "placement g1 node1 Started"});
}
