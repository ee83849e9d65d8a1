// An unrunnable start blocks the starts ordered after it even when it is
// the (optional) start of a member that runs and stays: a later member
// that failed cannot be recovered, it stops.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

std::string op(const std::string& rsc, const std::string& task, int interval, int rc, int call,
               const std::string& id) {
    return "<lrm_rsc_op id=\"" + id + "\" operation_key=\"" + rsc + "_" + task + "_" +
           std::to_string(interval) + "\" operation=\"" + task +
           "\" transition-key=\"1:0:0:x\" transition-magic=\"0:" + std::to_string(rc) +
           ";1:0:0:x\" rc-code=\"" + std::to_string(rc) + "\" op-status=\"0\" call-id=\"" +
           std::to_string(call) + "\" interval=\"" + std::to_string(interval) +
           "\" last-rc-change=\"1000\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>";
}

std::string member(const std::string& id) {
    return "<primitive id=\"" + id +
           "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations><op id=\"" + id +
           "-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>";
}

// No quorum, no-quorum-policy=freeze: group g of a, b, c; b and c run on
// node1 (c failed its monitor), a does not run, so a cannot start.
std::string cib_text() {
    return "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
           "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"0\" dc-uuid=\"1\"><configuration>"
           "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" "
           "name=\"stonith-enabled\" value=\"false\"/><nvpair id=\"o2\" "
           "name=\"no-quorum-policy\" value=\"freeze\"/></cluster_property_set></crm_config>"
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><group id=\"g\">" +
           member("a") + member("b") + member("c") +
           "</group></resources><constraints/></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"><lrm id=\"1\"><lrm_resources>"
           "<lrm_resource id=\"b\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
           op("b", "start", 0, 0, 11, "b_last_0") +
           "</lrm_resource><lrm_resource id=\"c\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\">" +
           op("c", "start", 0, 0, 12, "c_last_0") +
           op("c", "monitor", 10000, 1, 13, "c_last_failure_0") +
           "</lrm_resource></lrm_resources></lrm></node_state>"
           "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/></status></cib>";
}

}  // namespace

TEST_CASE("a failed group member after one that cannot start is stopped, not recovered",
          "[scheduler]") {
    CHECK(schedule_lines(cib_text()) == std::vector<std::string>{"action start a node1 blocked",
                                                                 "action stop b node1",
                                                                 "action stop c node1"});
}
