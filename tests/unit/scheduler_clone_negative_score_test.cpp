// A clone instance cannot stay where the clone's own score is negative,
// however sticky it is. Leaving a node with a finite negative score, it
// moves to a free node if its stickiness keeps it at 0 or more there;
// below that (or banned, -INFINITY), it is replaced (stop where it runs,
// a fresh instance starts elsewhere).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// Clone c of p running on node1 with stickiness `sticky`; location of c
// on node1 with `score`.
std::string cib_text(const std::string& score, const std::string& sticky = "1000") {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><clone id=\"c\"><primitive id=\"p\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"/></clone></resources><rsc_defaults><meta_attributes id=\"rd\">"
           "<nvpair id=\"rd-s\" name=\"resource-stickiness\" value=\"" +
           sticky +
           "\"/></meta_attributes>"
           "</rsc_defaults><constraints><rsc_location id=\"loc\" rsc=\"c\" node=\"node1\" "
           "score=\"" +
           score +
           "\"/></constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><lrm id=\"1\"><lrm_resources>" +
           started_xml("p") +
           "</lrm_resources>"
           "</lrm></node_state><node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" "
           "crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("a clone instance leaves a node where the clone's score is negative", "[scheduler]") {
    CHECK(schedule_lines(cib_text("-100")) ==
          std::vector<std::string>{"placement c:p node2 Started", "action move c:p node1->node2"});
    CHECK(schedule_lines(cib_text("-INFINITY")) ==
          std::vector<std::string>{"placement c:p node2 Started", "action start c:p node2",
                                   "action stop c:p node1"});
    // Zero is no ban: it stays, and a second instance starts on node2.
    CHECK(schedule_lines(cib_text("0")) == std::vector<std::string>{"placement c:p node1 Started",
                                                                    "placement c:p node2 Started",
                                                                    "action start c:p node2"});
    // -100 + stickiness 1 < 0: replaced, not moved.
    CHECK(schedule_lines(cib_text("-100", "1")) ==
          std::vector<std::string>{"placement c:p node2 Started", "action start c:p node2",
                                   "action stop c:p node1"});
}
