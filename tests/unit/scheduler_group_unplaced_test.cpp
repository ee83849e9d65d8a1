// A group whose members are not placed (unmanaged and not running) is
// nowhere, even when a node was chosen for it: a preference to run with
// it does not pull anything to that node.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// r runs on node1 and prefers (100) to run with unmanaged group g, which
// does not run and leans to node2.
std::string cib_text() {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources>" +
           dummy_xml("r") +
           "<group id=\"g\"><meta_attributes id=\"gm\"><nvpair id=\"gm1\" name=\"is-managed\" "
           "value=\"false\"/></meta_attributes>" +
           dummy_xml("a") + dummy_xml("b") +
           "</group></resources><constraints><rsc_colocation id=\"col\" rsc=\"r\" "
           "with-rsc=\"g\" score=\"100\"/><rsc_location id=\"loc\" rsc=\"g\" node=\"node2\" "
           "score=\"100\"/></constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><lrm id=\"1\"><lrm_resources>" +
           started_xml("r") +
           "</lrm_resources>"
           "</lrm></node_state><node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" "
           "crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("a group placed nowhere pulls nothing to the node chosen for it", "[scheduler]") {
    CHECK(schedule_lines(cib_text()) == std::vector<std::string>{"placement r node1 Started"});
}
