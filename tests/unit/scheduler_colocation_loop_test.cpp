// A colocation loop (a with b, b with a): b is placed first, while a is
// being placed; a then still weighs b's preferences, scaled by the score
// of "b with a", even though b already has its node.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

std::string cib_text() {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/>"
           "<node id=\"3\" uname=\"node3\"/></nodes><resources><primitive id=\"a\" "
           "class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/><primitive id=\"b\" "
           "class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/></resources><constraints>"
           "<rsc_colocation id=\"c1\" rsc=\"a\" with-rsc=\"b\" score=\"-50\"/>"
           "<rsc_colocation id=\"c2\" rsc=\"b\" with-rsc=\"a\" score=\"100\"/>"
           "<rsc_location id=\"l\" rsc=\"b\" node=\"node2\" score=\"-INFINITY\"/>"
           "</constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/><node_state id=\"2\" uname=\"node2\" "
           "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>"
           "<node_state id=\"3\" uname=\"node3\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("in a colocation loop the placed dependent's preferences still count", "[scheduler]") {
    // b goes to node1; a avoids node1 (-50) and node2, which b's ban,
    // weighed at 100/INFINITY, makes -100000.
    CHECK(schedule_lines(cib_text()) ==
          std::vector<std::string>{"placement a node3 Started", "placement b node1 Started",
                                   "action start a node3", "action start b node1"});
}
