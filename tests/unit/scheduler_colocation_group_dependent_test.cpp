// How a group colocated with a resource weighs on that resource's node:
// its first member's preferences scaled by the colocation's score, the
// later members' at full strength (each is colocated with the one before;
// Pacemaker merges those at full weight). A group of two with stickiness 1
// on node2 outweighs the resource's own stickiness 1 on node1.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// Group g (a, b) runs on node2, r on node1; g prefers (100) to run with r.
std::string cib_text() {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><group id=\"g\">" +
           dummy_xml("a") + dummy_xml("b") + "</group>" + dummy_xml("r") +
           "</resources><rsc_defaults><meta_attributes id=\"rd\"><nvpair id=\"rd-s\" "
           "name=\"resource-stickiness\" value=\"1\"/></meta_attributes></rsc_defaults>"
           "<constraints><rsc_colocation id=\"col\" rsc=\"g\" with-rsc=\"r\" score=\"100\"/>"
           "</constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><lrm id=\"1\"><lrm_resources>" +
           started_xml("r") +
           "</lrm_resources></lrm></node_state><node_state id=\"2\" uname=\"node2\" "
           "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"2\">"
           "<lrm_resources>" +
           started_xml("a") + started_xml("b") +
           "</lrm_resources></lrm></node_state></status></cib>";
}

}  // namespace

TEST_CASE("a group's later members weigh at full strength on what it is colocated with",
          "[scheduler]") {
    CHECK(schedule_lines(cib_text()) ==
          std::vector<std::string>{"placement a node2 Started", "placement b node2 Started",
                                   "placement r node2 Started", "action move r node1->node2"});
}
