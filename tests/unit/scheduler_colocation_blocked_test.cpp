// A resource whose start an ordering makes unrunnable will not be where
// what must run with it (colocation INFINITY) is placed: that dependent
// cannot start either, and stops where it runs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

std::string dummy(const std::string& id, const std::string& meta = "") {
    return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
           meta + "</primitive>";
}

// r1 must start after r0, which target-role keeps stopped; `dependent`
// (with id `dep`) is colocated with r1 and runs on node1.
std::string cib_text(const std::string& dependent, const std::string& dep, const std::string& score,
                     const std::string& lrm_id) {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources>" +
           dummy("r0",
                 "<meta_attributes id=\"r0-m\"><nvpair id=\"r0-t\" name=\"target-role\" "
                 "value=\"Stopped\"/></meta_attributes>") +
           dummy("r1") + dependent +
           "</resources><constraints><rsc_order id=\"ord\" first=\"r0\" then=\"r1\" "
           "kind=\"Mandatory\"/><rsc_colocation id=\"col\" rsc=\"" +
           dep + "\" with-rsc=\"r1\" score=\"" + score +
           "\"/></constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><lrm id=\"1\"><lrm_resources><lrm_resource id=\"" +
           lrm_id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><lrm_rsc_op id=\"" +
           lrm_id + "_last_0\" operation_key=\"" + lrm_id +
           "_start_0\" operation=\"start\" transition-key=\"1:0:0:x\" "
           "transition-magic=\"0:0;1:0:0:x\" rc-code=\"0\" op-status=\"0\" call-id=\"11\" "
           "interval=\"0\" last-rc-change=\"1000\" "
           "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource></lrm_resources>"
           "</lrm></node_state><node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" "
           "crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("what must run with a resource that cannot start stops", "[scheduler]") {
    CHECK(schedule_lines(cib_text(dummy("r2"), "r2", "INFINITY", "r2")) ==
          std::vector<std::string>{"action start r1 node1 blocked", "action stop r2 node1"});
    // A clone instance too.
    CHECK(schedule_lines(
              cib_text("<clone id=\"c\">" + dummy("p") + "</clone>", "c", "INFINITY", "p")) ==
          std::vector<std::string>{"action start r1 node1 blocked", "action stop c:p node1"});
}

TEST_CASE("a mere preference for a resource that cannot start stops nothing", "[scheduler]") {
    CHECK(schedule_lines(cib_text(dummy("r2"), "r2", "100", "r2")) ==
          std::vector<std::string>{"placement r2 node1 Started", "action start r1 node1 blocked"});
}

TEST_CASE("what must run with a resource that freeze keeps from starting stops", "[scheduler]") {
    // No quorum, no-quorum-policy=freeze: r (not running) cannot start, so
    // r2, which must run with it, stops, though no ordering is involved.
    std::string text = cib_text(dummy("r2"), "r2", "INFINITY", "r2");
    auto drop = [&](const std::string& what) {
        auto at = text.find(what);
        REQUIRE(at != std::string::npos);
        text.erase(at, what.size());
    };
    drop("<rsc_order id=\"ord\" first=\"r0\" then=\"r1\" kind=\"Mandatory\"/>");
    text.replace(text.find("have-quorum=\"1\""), 15, "have-quorum=\"0\"");
    text.replace(text.find("value=\"false\"/></cluster_property_set>"), 38,
                 "value=\"false\"/><nvpair id=\"o2\" name=\"no-quorum-policy\" "
                 "value=\"freeze\"/></cluster_property_set>");
    CHECK(schedule_lines(text) ==
          std::vector<std::string>{"action start r1 node1 blocked", "action stop r2 node1"});
}
