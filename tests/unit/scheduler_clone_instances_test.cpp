// Which anonymous clone instance takes a free node: Pacemaker's instance
// order decides between "move" and "stop + start" in the summary.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"
#include "scheduler_lines.h"

using namespace crm;

namespace {

// Three online nodes, node1 and node2 in standby unless `standby` is false;
// clone c of Dummy p, its history on node2 given by `ops`.
std::string cib_text(const std::string& ops, const std::string& attrs = "",
                     const std::string& rsc_defaults = "") {
    std::string x =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration>"
        "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/></cluster_property_set></crm_config><nodes>"
        "<node id=\"1\" uname=\"node1\"><instance_attributes id=\"n1\"><nvpair id=\"n1s\" "
        "name=\"standby\" value=\"on\"/></instance_attributes></node>"
        "<node id=\"2\" uname=\"node2\"><instance_attributes id=\"n2\"><nvpair id=\"n2s\" "
        "name=\"standby\" value=\"on\"/></instance_attributes></node>"
        "<node id=\"3\" uname=\"node3\"/></nodes><resources><clone id=\"c\">"
        "<primitive id=\"p\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations>"
        "<op id=\"p-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>"
        "</clone></resources>" +
        rsc_defaults + "<constraints/></configuration><status>";
    for (int i = 1; i <= 3; ++i) {
        std::string n = std::to_string(i);
        x += "<node_state id=\"" + n + "\" uname=\"node" + n +
             "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">";
        if (i == 2 && !attrs.empty())
            x += "<transient_attributes id=\"t2\"><instance_attributes id=\"ta2\">" + attrs +
                 "</instance_attributes></transient_attributes>";
        x += "<lrm id=\"" + n + "\"><lrm_resources>";
        if (i == 2)
            x += "<lrm_resource id=\"p\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
                 ops + "</lrm_resource>";
        x += "</lrm_resources></lrm></node_state>";
    }
    return x + "</status></cib>";
}

std::string op(const std::string& task, int interval, int rc, int call, const std::string& id) {
    std::string key = "p_" + task + "_" + std::to_string(interval);
    return "<lrm_rsc_op id=\"" + id + "\" operation_key=\"" + key + "\" operation=\"" + task +
           "\" transition-key=\"1:0:0:x\" transition-magic=\"0:" + std::to_string(rc) +
           ";1:0:0:x\" rc-code=\"" + std::to_string(rc) + "\" op-status=\"0\" call-id=\"" +
           std::to_string(call) + "\" interval=\"" + std::to_string(interval) +
           "\" last-rc-change=\"1000\" exec-time=\"1\" queue-time=\"0\"/>";
}

bool has(const std::vector<std::string>& v, const std::string& line) {
    return std::find(v.begin(), v.end(), line) != v.end();
}

}  // namespace

TEST_CASE("a clone instance on a node gone to standby moves to the free node", "[scheduler]") {
    auto out = schedule_lines(cib_text(op("start", 0, 0, 11, "p_last_0")));
    CHECK(has(out, "placement c:p node3 Started"));
    CHECK(has(out, "action move c:p node2->node3"));
    CHECK_FALSE(has(out, "action stop c:p node2"));
}

TEST_CASE("a failed clone instance on a node gone to standby is recovered on the free node",
          "[scheduler]") {
    auto out = schedule_lines(cib_text(op("start", 0, 0, 11, "p_last_0") +
                                       op("monitor", 10000, 1, 12, "p_last_failure_0")));
    CHECK(has(out, "action recover c:p node2->node3"));
    CHECK_FALSE(has(out, "action start c:p node3"));
}

TEST_CASE("a clone instance banned where it runs is replaced, not moved", "[scheduler]") {
    // node2 is not in standby here: the instance must leave it because its
    // fail count reached migration-threshold; a fresh instance takes node1.
    std::string text =
        cib_text(op("start", 0, 0, 11, "p_last_0"),
                 "<nvpair id=\"f\" name=\"fail-count-p#monitor_10000\" value=\"1\"/>",
                 "<rsc_defaults><meta_attributes id=\"rd\"><nvpair id=\"rd1\" "
                 "name=\"migration-threshold\" value=\"1\"/></meta_attributes>"
                 "</rsc_defaults>");
    auto at = text.find("<nvpair id=\"n2s\" name=\"standby\" value=\"on\"/>");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("<nvpair id=\"n2s\" name=\"standby\" value=\"on\"/>").size(),
                 "<nvpair id=\"n2s\" name=\"standby\" value=\"off\"/>");
    auto out = schedule_lines(text);
    CHECK(has(out, "action stop c:p node2"));
    CHECK(has(out, "action start c:p node3"));
    CHECK_FALSE(has(out, "action move c:p node2->node3"));
}
