// target-role=Stopped keeps a resource from being placed, but what it is
// colocated with still weighs its preferences: a resource that a stopped
// one must keep away from avoids the node the stopped one prefers.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// s and r (target-role Stopped, location node1 INFINITY), r kept away from s.
std::string cib_text(const std::string& score) {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><primitive id=\"s\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"/><primitive id=\"r\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"><meta_attributes id=\"r-m\"><nvpair id=\"r-t\" name=\"target-role\" "
           "value=\"Stopped\"/></meta_attributes></primitive></resources><constraints>"
           "<rsc_colocation id=\"col\" rsc=\"r\" with-rsc=\"s\" score=\"" +
           score +
           "\"/><rsc_location id=\"loc\" rsc=\"r\" node=\"node1\" score=\"INFINITY\"/>"
           "</constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/>"
           "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("a stopped resource's preferences still push away what it avoids", "[scheduler]") {
    CHECK(schedule_lines(cib_text("-INFINITY")) ==
          std::vector<std::string>{"placement s node2 Started", "action start s node2"});
}
