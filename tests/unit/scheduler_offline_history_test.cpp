// Without fencing, the history of a node that is down is not read: it runs
// nothing and claims no clone instance.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"
#include "scheduler_lines.h"

using namespace crm;

namespace {

// Clone c (clone-max 1) ran on node2, now down, and runs on node3.
std::string cib_text() {
    std::string x =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration>"
        "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"false\"/></cluster_property_set></crm_config><nodes><node id=\"1\" "
        "uname=\"node1\"/><node id=\"2\" uname=\"node2\"/><node id=\"3\" uname=\"node3\"/>"
        "</nodes><resources><clone id=\"c\"><primitive id=\"p\" class=\"ocf\" "
        "provider=\"pacemaker\" type=\"Dummy\"/><meta_attributes id=\"c-m\"><nvpair id=\"c-max\" "
        "name=\"clone-max\" value=\"1\"/></meta_attributes></clone></resources><constraints/>"
        "</configuration><status>"
        "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"/>"
        "<node_state id=\"2\" uname=\"node2\" in_ccm=\"false\" crmd=\"offline\" join=\"down\" "
        "expected=\"down\"><lrm id=\"2\"><lrm_resources>" +
        started_xml("p") +
        "</lrm_resources></lrm></node_state>"
        "<node_state id=\"3\" uname=\"node3\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><lrm id=\"3\"><lrm_resources>" +
        started_xml("p") + "</lrm_resources></lrm></node_state>";
    return x + "</status></cib>";
}

}  // namespace

TEST_CASE("without fencing a down node's history claims no clone instance", "[scheduler]") {
    auto doc = xml::parse(cib_text());
    REQUIRE(doc.ok());
    auto c = cib::unpack(*doc);
    REQUIRE(c.ok());
    auto t = scheduler::schedule(*c, {});
    REQUIRE(t.ok());
    CHECK(scheduler::canonical_lines(*t) ==
          std::vector<std::string>{"placement c:p node3 Started"});
}

namespace {

// With fencing enabled (no device), node1 down and expected down; `rsc`
// unmanaged, its member or itself "a" recorded started on node1.
std::string unmanaged_on_down_node(const std::string& rsc) {
    return "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
           "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"2\"><configuration>"
           "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" "
           "name=\"stonith-enabled\" value=\"true\"/></cluster_property_set></crm_config>"
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/></nodes>"
           "<resources>" +
           rsc +
           "</resources><constraints/></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"false\" crmd=\"offline\" "
           "join=\"down\" expected=\"down\"><lrm id=\"1\"><lrm_resources>" +
           started_xml("a") +
           "</lrm_resources></lrm></node_state>"
           "<node_state id=\"2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/></status></cib>";
}

const std::string kUnmanaged =
    "<meta_attributes id=\"m\"><nvpair id=\"m1\" name=\"is-managed\" value=\"false\"/>"
    "</meta_attributes>";

}  // namespace

TEST_CASE("an unmanaged group's member on a down node is not shown running; a primitive is",
          "[scheduler]") {
    std::string group =
        "<group id=\"g\">" + kUnmanaged +
        "<primitive id=\"a\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>"
        "<primitive id=\"b\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/></group>";
    CHECK(schedule_lines(unmanaged_on_down_node(group)).empty());
    std::string prim = "<primitive id=\"a\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
                       kUnmanaged + "</primitive>";
    CHECK(schedule_lines(unmanaged_on_down_node(prim)) ==
          std::vector<std::string>{"placement a node1 Started"});
}

// An unmanaged instance on a down node does not make its clone count as
// running anywhere (in Pacemaker it is not added to the clone's nodes): a
// clone that runs only there is left out of the status altogether, lost
// node or clean, failed or not (crm_simulate: "No resources"). With an
// instance on a node that is up, every instance is shown.
TEST_CASE("an unmanaged clone running only on down nodes is left out of the status",
          "[scheduler]") {
    std::string clone = "<clone id=\"c\">" + kUnmanaged +
                        "<primitive id=\"a\" class=\"ocf\" provider=\"pacemaker\" "
                        "type=\"Dummy\"/></clone>";
    std::string text = unmanaged_on_down_node(clone);
    CHECK(schedule_lines(text).empty());
    // Down while expected up (to be fenced): left out as well.
    std::string lost = text;
    auto down = lost.find("join=\"down\" expected=\"down\"");
    REQUIRE(down != std::string::npos);
    lost.replace(down, std::string("join=\"down\" expected=\"down\"").size(),
                 "join=\"member\" expected=\"member\"");
    CHECK(schedule_lines(lost).empty());
    // Failed there: left out as well.
    std::string failed = text;
    const std::string end = "</lrm_resource>";
    auto at = failed.find(end);
    REQUIRE(at != std::string::npos);
    failed.insert(at,
                  "<lrm_rsc_op id=\"a_last_failure_0\" operation_key=\"a_monitor_10000\" "
                  "operation=\"monitor\" transition-key=\"3:0:0:x\" "
                  "transition-magic=\"0:1;3:0:0:x\" rc-code=\"1\" op-status=\"0\" "
                  "call-id=\"12\" interval=\"10000\" last-rc-change=\"1000\"/>");
    CHECK(schedule_lines(failed).empty());
    // Also running on node2, which is up: both instances are shown.
    std::string both = text;
    const std::string node2 = "expected=\"member\"/></status>";
    at = both.find(node2);
    REQUIRE(at != std::string::npos);
    both.replace(at, node2.size(),
                 "expected=\"member\"><lrm id=\"2\"><lrm_resources>" + started_xml("a") +
                     "</lrm_resources></lrm></node_state></status>");
    CHECK(schedule_lines(both) ==
          std::vector<std::string>{"placement c:a node1 Started", "placement c:a node2 Started"});
}
