// A location constraint on a group counts once (on its first member, the
// others follow it), so it weighs against the stickiness of every member:
// a group whose members' stickiness outweighs a negative location stays.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

std::string started(const std::string& id, int call) {
    return "<lrm_resource id=\"" + id +
           "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><lrm_rsc_op id=\"" + id +
           "_last_0\" operation_key=\"" + id +
           "_start_0\" operation=\"start\" transition-key=\"1:0:0:x\" "
           "transition-magic=\"0:0;1:0:0:x\" rc-code=\"0\" op-status=\"0\" call-id=\"" +
           std::to_string(call) +
           "\" interval=\"0\" last-rc-change=\"1000\" "
           "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>";
}

// Group g of a and b running on node1, stickiness 50 each, location of g
// on node1 with `score`.
std::string cib_text(const std::string& score) {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><group id=\"g\"><primitive id=\"a\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"/><primitive id=\"b\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"/></group></resources><rsc_defaults><meta_attributes id=\"rd\">"
           "<nvpair id=\"rd-s\" name=\"resource-stickiness\" value=\"50\"/></meta_attributes>"
           "</rsc_defaults><constraints><rsc_location id=\"loc\" rsc=\"g\" node=\"node1\" "
           "score=\"" +
           score +
           "\"/></constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><lrm id=\"1\"><lrm_resources>" +
           started("a", 11) + started("b", 12) +
           "</lrm_resources></lrm></node_state><node_state id=\"2\" uname=\"node2\" "
           "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("a group's location counts once against its members' stickiness", "[scheduler]") {
    // -80 + 50 + 50 > 0: the group stays.
    CHECK(schedule_lines(cib_text("-80")) ==
          std::vector<std::string>{"placement a node1 Started", "placement b node1 Started"});
    // -150 + 50 + 50 < 0: it moves, as a whole.
    CHECK(schedule_lines(cib_text("-150")) ==
          std::vector<std::string>{"placement a node2 Started", "placement b node2 Started",
                                   "action move a node1->node2", "action move b node1->node2"});
}
