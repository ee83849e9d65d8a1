// Colocation with a clone, either way round. A clone colocated with a
// resource weighs on where that resource goes (the clone's own location
// scores, scaled by the colocation's score); a preference for or against a
// clone counts instance by instance, each rolled back on its own when it
// would leave no node to run on.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// Two online nodes, nothing running: primitive r and clone c of p.
std::string cib_text(const std::string& constraints) {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><primitive id=\"r\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"/><clone id=\"c\"><primitive id=\"p\" class=\"ocf\" "
           "provider=\"pacemaker\" type=\"Dummy\"/></clone></resources><constraints>" +
           constraints +
           "</constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/>"
           "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("a clone kept away from a resource pushes it off the clone's preferred node",
          "[scheduler]") {
    CHECK(schedule_lines(
              cib_text("<rsc_colocation id=\"col\" rsc=\"c\" with-rsc=\"r\" score=\"-INFINITY\"/>"
                       "<rsc_location id=\"loc\" rsc=\"c\" node=\"node1\" score=\"INFINITY\"/>")) ==
          std::vector<std::string>{"placement c:p node1 Started", "placement r node2 Started",
                                   "action start c:p node1", "action start r node2"});
}

TEST_CASE("a finite preference against a clone counts instance by instance", "[scheduler]") {
    // The instance on node1 makes node1 -50; the one on node2 would leave no
    // node at 0 or more, so it alone is rolled back: r goes to node2.
    CHECK(schedule_lines(cib_text("<rsc_colocation id=\"col\" rsc=\"r\" with-rsc=\"c\" "
                                  "score=\"-50\"/>")) ==
          std::vector<std::string>{"placement c:p node1 Started", "placement c:p node2 Started",
                                   "placement r node2 Started", "action start c:p node1",
                                   "action start c:p node2", "action start r node2"});
}
