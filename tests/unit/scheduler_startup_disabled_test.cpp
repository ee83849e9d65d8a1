// Fencing enabled without a fencing device: Pacemaker disables resource
// start-up and leaves active resources where they are, but a clone's extra
// instances (more active than clone-max) still stop, the worst ones first.
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

std::string op(const std::string& task, int interval, int rc, int call, const std::string& id) {
    std::string key = "p0_" + task + "_" + std::to_string(interval);
    return "<lrm_rsc_op id=\"" + id + "\" operation_key=\"" + key + "\" operation=\"" + task +
           "\" transition-key=\"1:0:0:x\" transition-magic=\"0:" + std::to_string(rc) +
           ";1:0:0:x\" rc-code=\"" + std::to_string(rc) + "\" op-status=\"0\" call-id=\"" +
           std::to_string(call) + "\" interval=\"" + std::to_string(interval) +
           "\" last-rc-change=\"1000\" exec-time=\"1\" queue-time=\"0\"/>";
}

const std::string kStarted = op("start", 0, 0, 11, "p0_last_0");
const std::string kFailed = kStarted + op("monitor", 10000, 1, 12, "p0_last_failure_0");

// Clone c0 (clone-max 1) of p0 on three nodes; `h2`/`h3` are p0's history on
// node2/node3; node `lost` (2 or 3) is down though expected up.
std::string cib_text(const std::string& h2, const std::string& h3, int lost = 0,
                     const std::string& attrs3 = "") {
    std::string x =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration>"
        "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"true\"/></cluster_property_set></crm_config><nodes><node id=\"1\" "
        "uname=\"node1\"/><node id=\"2\" uname=\"node2\"/><node id=\"3\" uname=\"node3\"/>"
        "</nodes><resources><clone id=\"c0\"><primitive id=\"p0\" class=\"ocf\" "
        "provider=\"pacemaker\" type=\"Dummy\"><operations><op id=\"p0-mon\" name=\"monitor\" "
        "interval=\"10s\"/></operations></primitive><meta_attributes id=\"c0-m\"><nvpair "
        "id=\"c0-max\" name=\"clone-max\" value=\"1\"/></meta_attributes></clone></resources>"
        "<constraints/></configuration><status>";
    for (int i = 1; i <= 3; ++i) {
        std::string n = std::to_string(i);
        bool is_lost = i == lost;
        x += "<node_state id=\"" + n + "\" uname=\"node" + n + "\" in_ccm=\"" +
             (is_lost ? "false\" crmd=\"offline\"" : "true\" crmd=\"online\"") +
             " join=\"member\" expected=\"member\">";
        if (i == 3 && !attrs3.empty())
            x += "<transient_attributes id=\"t3\"><instance_attributes id=\"ta3\">" + attrs3 +
                 "</instance_attributes></transient_attributes>";
        x += "<lrm id=\"" + n + "\"><lrm_resources>";
        const std::string& h = i == 2 ? h2 : i == 3 ? h3 : std::string();
        if (!h.empty())
            x += "<lrm_resource id=\"p0\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
                 h + "</lrm_resource>";
        x += "</lrm_resources></lrm></node_state>";
    }
    return x + "</status></cib>";
}

}  // namespace

TEST_CASE("start-up disabled: an extra clone instance still stops", "[scheduler]") {
    auto out = schedule_lines(cib_text(kStarted, kStarted));
    CHECK(out ==
          std::vector<std::string>{"placement c0:p0 node2 Started", "action stop c0:p0 node3"});
}

TEST_CASE("start-up disabled: the failed instance gives way to a healthy extra one",
          "[scheduler]") {
    auto out = schedule_lines(cib_text(kFailed, kStarted));
    CHECK(out ==
          std::vector<std::string>{"placement c0:p0 node3 Started", "action stop c0:p0 node2"});
}

TEST_CASE("start-up disabled: the instance on a lost node is the one to stop, blocked",
          "[scheduler]") {
    // node3 must be fenced but cannot be: its stop is blocked; the failed
    // instance on node2 stays, and its monitor, run again, clears the failure.
    auto out = schedule_lines(cib_text(kFailed, kStarted, 3));
    CHECK(out == std::vector<std::string>{"placement c0:p0 node2 Started",
                                          "placement c0:p0 node3 Started",
                                          "action stop c0:p0 node3 blocked"});
}

TEST_CASE("start-up disabled: a failed extra instance that stays is not monitored, still failed",
          "[scheduler]") {
    // node2 is lost and read first: its instance is the counted one, the
    // failed one on node3 the extra one; the lost one stops (blocked), the
    // extra one stays where it is, unmonitored, so still failed.
    auto out = schedule_lines(cib_text(kStarted, kFailed, 2));
    CHECK(out == std::vector<std::string>{"placement c0:p0 node2 Started",
                                          "placement c0:p0 node3 FAILED:Started",
                                          "action stop c0:p0 node2 blocked"});
}

TEST_CASE("start-up disabled: an extra instance banned where it runs stops there", "[scheduler]") {
    // The counted instance is on lost node2; the extra one, on node3, failed
    // and reached its fail count limit there: it stops (node3 is up), the
    // lost one stays. Both are "unusable where they run": no exchange.
    auto out = schedule_lines(
        cib_text(kStarted, kFailed, 2,
                 "<nvpair id=\"fc\" name=\"fail-count-p0#monitor_10000\" value=\"INFINITY\"/>"));
    CHECK(out ==
          std::vector<std::string>{"placement c0:p0 node2 Started", "action stop c0:p0 node3"});
}

TEST_CASE("an unmanaged clone's extra instance stays where it runs", "[scheduler]") {
    std::string text = cib_text(kStarted, kStarted);
    const std::string max = "<nvpair id=\"c0-max\" name=\"clone-max\" value=\"1\"/>";
    auto at = text.find(max);
    REQUIRE(at != std::string::npos);
    text.insert(at + max.size(), "<nvpair id=\"c0-im\" name=\"is-managed\" value=\"false\"/>");
    auto out = schedule_lines(text);
    CHECK(out == std::vector<std::string>{"placement c0:p0 node2 Started",
                                          "placement c0:p0 node3 Started"});
}

TEST_CASE("start-up disabled, opt-in: an extra instance where nothing allows it stops there",
          "[scheduler]") {
    // As above, but the extra instance on node3 is unusable there because
    // the cluster is opt-in and no location allows it: both are unusable
    // where they run, so the counted (lost) one stays, the extra one stops.
    std::string text = cib_text(kStarted, kFailed, 2);
    const std::string opts = "value=\"true\"/></cluster_property_set>";
    auto at = text.find(opts);
    REQUIRE(at != std::string::npos);
    text.replace(at, opts.size(),
                 "value=\"true\"/><nvpair id=\"o2\" name=\"symmetric-cluster\" "
                 "value=\"false\"/></cluster_property_set>");
    auto out = schedule_lines(text);
    CHECK(out ==
          std::vector<std::string>{"placement c0:p0 node2 Started", "action stop c0:p0 node3"});
}

TEST_CASE("start-up disabled: of two instances unusable where they run, the later gives way",
          "[scheduler]") {
    // clone-max 2, three instances: on node1 (the clone is banned there),
    // node2 (fail count at migration-threshold) and node3 (healthy, the
    // extra one). The healthy extra takes the place of the later unusable
    // one (node2), which stops; the one on node1 stays.
    const std::string started =
        "<lrm_resource id=\"p\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">"
        "<lrm_rsc_op id=\"p_last_0\" operation_key=\"p_start_0\" operation=\"start\" "
        "transition-key=\"1:0:0:x\" transition-magic=\"0:0;1:0:0:x\" rc-code=\"0\" "
        "op-status=\"0\" call-id=\"11\" interval=\"0\" last-rc-change=\"1000\" "
        "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>";
    auto node = [&](int i, const std::string& attrs) {
        std::string n = std::to_string(i);
        return "<node_state id=\"" + n + "\" uname=\"node" + n +
               "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">" + attrs +
               "<lrm id=\"" + n + "\"><lrm_resources>" + started +
               "</lrm_resources></lrm></node_state>";
    };
    std::string text =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration>"
        "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"true\"/></cluster_property_set></crm_config><nodes><node id=\"1\" "
        "uname=\"node1\"/><node id=\"2\" uname=\"node2\"/><node id=\"3\" uname=\"node3\"/>"
        "</nodes><resources><clone id=\"c\"><primitive id=\"p\" class=\"ocf\" "
        "provider=\"pacemaker\" type=\"Dummy\"><operations><op id=\"p-mon\" name=\"monitor\" "
        "interval=\"10s\"/></operations></primitive><meta_attributes id=\"c-m\"><nvpair "
        "id=\"c-mt\" name=\"migration-threshold\" value=\"1\"/><nvpair id=\"c-max\" "
        "name=\"clone-max\" value=\"2\"/></meta_attributes></clone></resources><constraints>"
        "<rsc_location id=\"loc\" rsc=\"c\" node=\"node1\" score=\"-INFINITY\"/></constraints>"
        "</configuration><status>" +
        node(1, "") +
        node(2,
             "<transient_attributes id=\"t2\"><instance_attributes id=\"ta2\"><nvpair id=\"fc\" "
             "name=\"fail-count-p#monitor_10000\" value=\"1\"/></instance_attributes>"
             "</transient_attributes>") +
        node(3, "") + "</status></cib>";
    CHECK(schedule_lines(text) == std::vector<std::string>{"placement c:p node1 Started",
                                                           "placement c:p node3 Started",
                                                           "action stop c:p node2"});
}
