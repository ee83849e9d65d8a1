// The inverse of a symmetrical order ('then' taken down before 'first')
// orders, but makes nothing required: checked against Pacemaker 2.1.5's
// crm_simulate -S on the same CIB.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "scheduler_lines.h"

TEST_CASE("a starting 'first' of a stop-then-stop order leaves the running 'then' alone",
          "[scheduler]") {
    // Order "stop a, then stop b": its inverse is "start b, then start a".
    // a starts; b runs and stays, so it is not restarted for it.
    std::string text =
        kCibHead +
        "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
        "<resources>" +
        dummy_xml("a") + dummy_xml("b") +
        "</resources><constraints><rsc_order id=\"ord\" first=\"a\" first-action=\"stop\" "
        "then=\"b\" then-action=\"stop\"/><rsc_location id=\"la\" rsc=\"a\" node=\"node1\" "
        "score=\"100\"/><rsc_location id=\"lb\" rsc=\"b\" node=\"node1\" score=\"100\"/>"
        "</constraints></configuration><status><node_state id=\"1\" uname=\"node1\" "
        "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"1\">"
        "<lrm_resources>" +
        started_xml("b") +
        "</lrm_resources></lrm></node_state><node_state id=\"2\" uname=\"node2\" "
        "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";
    auto out = schedule_lines(text);
    std::sort(out.begin(), out.end());
    CHECK(out == std::vector<std::string>{"action start a node1", "placement a node1 Started",
                                          "placement b node1 Started"});
}
