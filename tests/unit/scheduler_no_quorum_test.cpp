// Without quorum (no-quorum-policy=stop) placement goes on as usual and the
// starts cannot run: a running clone instance keeps its slot and stops
// there, a new instance's start is shown blocked, nothing more.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"
#include "scheduler_lines.h"

using namespace crm;

namespace {

std::string cib_text(const std::string& resources, const std::string& node3_lrm) {
    std::string x =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"0\" dc-uuid=\"1\"><configuration>"
        "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/><nvpair id=\"o2\" name=\"no-quorum-policy\" value=\"stop\"/>"
        "</cluster_property_set></crm_config><nodes><node id=\"1\" uname=\"node1\">"
        "<instance_attributes id=\"n1\"><nvpair id=\"n1s\" name=\"standby\" value=\"on\"/>"
        "</instance_attributes></node><node id=\"2\" uname=\"node2\"/><node id=\"3\" "
        "uname=\"node3\"/></nodes><resources>" +
        resources + "</resources><constraints/></configuration><status>";
    for (int i = 1; i <= 3; ++i) {
        std::string n = std::to_string(i);
        x += "<node_state id=\"" + n + "\" uname=\"node" + n +
             "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"" +
             n + "\"><lrm_resources>" + (i == 3 ? node3_lrm : "") +
             "</lrm_resources></lrm></node_state>";
    }
    return x + "</status></cib>";
}

std::string started(const std::string& id) {
    return "<lrm_resource id=\"" + id +
           "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><lrm_rsc_op id=\"" + id +
           "_last_0\" operation_key=\"" + id +
           "_start_0\" operation=\"start\" transition-key=\"1:0:0:x\" "
           "transition-magic=\"0:0;1:0:0:x\" rc-code=\"0\" op-status=\"0\" call-id=\"11\" "
           "interval=\"0\" last-rc-change=\"1000\" "
           "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>";
}

}  // namespace

TEST_CASE("no quorum: a running clone instance stops in its slot, a new one is blocked",
          "[scheduler]") {
    std::string clone =
        "<clone id=\"c1\"><primitive id=\"p1\" class=\"ocf\" provider=\"pacemaker\" "
        "type=\"Dummy\"/></clone>";
    CHECK(schedule_lines(cib_text(clone, started("p1"))) ==
          std::vector<std::string>{"action start c1:p1 node2 blocked", "action stop c1:p1 node3"});
}

TEST_CASE("no quorum: a running primitive stops", "[scheduler]") {
    std::string r = "<primitive id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>";
    CHECK(schedule_lines(cib_text(r, started("r1"))) ==
          std::vector<std::string>{"action stop r1 node3"});
}
