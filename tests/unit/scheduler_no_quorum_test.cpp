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

}  // namespace

TEST_CASE("no quorum: a running clone instance stops in its slot, a new one is blocked",
          "[scheduler]") {
    std::string clone =
        "<clone id=\"c1\"><primitive id=\"p1\" class=\"ocf\" provider=\"pacemaker\" "
        "type=\"Dummy\"/></clone>";
    CHECK(schedule_lines(cib_text(clone, started_xml("p1"))) ==
          std::vector<std::string>{"action start c1:p1 node2 blocked", "action stop c1:p1 node3"});
}

TEST_CASE("no quorum: a running primitive stops", "[scheduler]") {
    std::string r = "<primitive id=\"r1\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>";
    CHECK(schedule_lines(cib_text(r, started_xml("r1"))) ==
          std::vector<std::string>{"action stop r1 node3"});
}
