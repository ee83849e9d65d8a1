// Which clone instance keeps a node: a failed instance is not kept in place
// ahead of the healthy ones. When a healthy instance has to leave its node
// and the only node left is where a failed one runs, the healthy one moves
// there and the failed one stops (not recovered in place).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

std::string op(const std::string& id, const std::string& key, int rc, int interval) {
    return "<lrm_rsc_op id=\"" + id + "\" operation_key=\"" + key + "\" operation=\"" +
           key.substr(2, key.rfind('_') - 2) +
           "\" transition-key=\"1:0:0:x\" transition-magic=\"0:" + std::to_string(rc) +
           ";1:0:0:x\" rc-code=\"" + std::to_string(rc) +
           "\" op-status=\"0\" call-id=\"11\" interval=\"" + std::to_string(interval) +
           "\" last-rc-change=\"1000\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>";
}

std::string node_state(int i, const std::string& ops) {
    std::string n = std::to_string(i);
    return "<node_state id=\"" + n + "\" uname=\"node" + n +
           "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"" + n +
           "\"><lrm_resources><lrm_resource id=\"p\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\">" +
           ops + "</lrm_resource></lrm_resources></lrm></node_state>";
}

// r must run on node1 and clone c must keep away from r; c's instance on
// node1 is healthy, the one on node2 failed its monitor. With `standby1`,
// no r and no constraint: node1 is in standby instead.
std::string cib_text(bool standby1 = false) {
    if (standby1)
        return "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
               "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\">"
               "<configuration><crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" "
               "name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
               "<nodes><node id=\"1\" uname=\"node1\"><instance_attributes id=\"n1\"><nvpair "
               "id=\"n1s\" name=\"standby\" value=\"on\"/></instance_attributes></node>"
               "<node id=\"2\" uname=\"node2\"/></nodes><resources><clone id=\"c\"><primitive "
               "id=\"p\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations><op "
               "id=\"p-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>"
               "</clone></resources><constraints/></configuration><status>" +
               node_state(1, op("p_last_0", "p_start_0", 0, 0)) +
               node_state(2, op("p_last_0", "p_start_0", 0, 0) +
                                 op("p_last_failure_0", "p_monitor_10000", 1, 10000)) +
               "</status></cib>";
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources><primitive id=\"r\" class=\"ocf\" provider=\"pacemaker\" "
           "type=\"Dummy\"/><clone id=\"c\"><primitive id=\"p\" class=\"ocf\" "
           "provider=\"pacemaker\" type=\"Dummy\"><operations><op id=\"p-mon\" name=\"monitor\" "
           "interval=\"10s\"/></operations></primitive></clone></resources><constraints>"
           "<rsc_location id=\"loc\" rsc=\"r\" node=\"node1\" score=\"INFINITY\"/>"
           "<rsc_colocation id=\"col\" rsc=\"c\" with-rsc=\"r\" score=\"-INFINITY\"/>"
           "</constraints></configuration><status>" +
           node_state(1, op("p_last_0", "p_start_0", 0, 0)) +
           node_state(2, op("p_last_0", "p_start_0", 0, 0) +
                             op("p_last_failure_0", "p_monitor_10000", 1, 10000)) +
           "</status></cib>";
}

}  // namespace

TEST_CASE("a healthy clone instance takes the node of a failed one", "[scheduler]") {
    CHECK(schedule_lines(cib_text()) ==
          std::vector<std::string>{"placement c:p node2 Started", "placement r node1 Started",
                                   "action move c:p node1->node2", "action start r node1",
                                   "action stop c:p node2"});
}

TEST_CASE("a failed clone instance keeps an up node against one from a standby node",
          "[scheduler]") {
    // Instances on a node that can run resources come first, failed or not:
    // the failed one is recovered where it is, the one on node1 stops.
    CHECK(schedule_lines(cib_text(true)) == std::vector<std::string>{"placement c:p node2 Started",
                                                                     "action recover c:p node2",
                                                                     "action stop c:p node1"});
}
