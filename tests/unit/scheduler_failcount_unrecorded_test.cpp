// A fail count counts on a node even where the resource has no history:
// migration-threshold bans it from a node it never ran on (Pacemaker reads
// fail counts from the node's attributes for every resource).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// Two online nodes, primitive r (migration-threshold `threshold` unless
// empty); node1's transient attributes hold `attrs`; no history anywhere.
std::string cib_text(const std::string& attrs, const std::string& threshold = "") {
    std::string meta;
    if (!threshold.empty())
        meta =
            "<meta_attributes id=\"r-m\"><nvpair id=\"r-mt\" name=\"migration-threshold\" "
            "value=\"" +
            threshold + "\"/></meta_attributes>";
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><primitive id=\"r\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
           meta +
           "</primitive></resources><constraints/></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><transient_attributes id=\"t1\">"
           "<instance_attributes id=\"ta1\">" +
           attrs +
           "</instance_attributes></transient_attributes></node_state>"
           "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/></status></cib>";
}

std::string fail_count(const std::string& value) {
    return "<nvpair id=\"fc\" name=\"fail-count-r#monitor_10000\" value=\"" + value + "\"/>";
}

}  // namespace

TEST_CASE("a fail count without history bans the resource from that node", "[scheduler]") {
    CHECK(schedule_lines(cib_text(fail_count("INFINITY"))) ==
          std::vector<std::string>{"placement r node2 Started", "action start r node2"});
    CHECK(schedule_lines(cib_text(fail_count("2"), "2")) ==
          std::vector<std::string>{"placement r node2 Started", "action start r node2"});
}

TEST_CASE("a fail count without history below migration-threshold does not ban", "[scheduler]") {
    CHECK(schedule_lines(cib_text(fail_count("1"), "2")) ==
          std::vector<std::string>{"placement r node1 Started", "action start r node1"});
}
