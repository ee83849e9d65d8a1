// An unmanaged resource that runs somewhere prefers that node with
// INFINITY (Pacemaker records it so): a resource it must run with is
// placed there, to join it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// u (is-managed=false) runs on node2 and must run with r, which does not run.
std::string cib_text() {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><primitive id=\"r\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"/><primitive id=\"u\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"><meta_attributes id=\"u-m\"><nvpair id=\"u-im\" name=\"is-managed\" "
           "value=\"false\"/></meta_attributes></primitive></resources><constraints>"
           "<rsc_colocation id=\"col\" rsc=\"u\" with-rsc=\"r\" score=\"INFINITY\"/>"
           "</constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/><node_state id=\"2\" uname=\"node2\" "
           "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"2\">"
           "<lrm_resources><lrm_resource id=\"u\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"><lrm_rsc_op id=\"u_last_0\" operation_key=\"u_start_0\" "
           "operation=\"start\" transition-key=\"1:0:0:x\" transition-magic=\"0:0;1:0:0:x\" "
           "rc-code=\"0\" op-status=\"0\" call-id=\"11\" interval=\"0\" last-rc-change=\"1000\" "
           "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource></lrm_resources>"
           "</lrm></node_state></status></cib>";
}

}  // namespace

TEST_CASE("an unmanaged resource pulls what it must run with to its node", "[scheduler]") {
    CHECK(schedule_lines(cib_text()) == std::vector<std::string>{"placement r node2 Started",
                                                                 "placement u node2 Started",
                                                                 "action start r node2"});
}
