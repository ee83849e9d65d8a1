// Whether a resource is still marked failed after the transition: the
// history replayed with the transition's actions, as crm_simulate shows it.
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

// Three nodes; node2 carries `lrm` in its history; `down` lists nodes that
// are cleanly down (expected down), every other node is online.
std::string cib_text(bool stonith, const std::string& resources, const std::string& lrm,
                     const std::string& down = "", const std::string& lrm1 = "") {
    std::string x =
        "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
        "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration>"
        "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith-enabled\" "
        "value=\"" +
        std::string(stonith ? "true" : "false") +
        "\"/><nvpair id=\"o2\" name=\"no-quorum-policy\" value=\"ignore\"/>"
        "</cluster_property_set></crm_config><nodes>";
    for (int i = 1; i <= 3; ++i)
        x += "<node id=\"" + std::to_string(i) + "\" uname=\"node" + std::to_string(i) + "\"/>";
    x += "</nodes><resources>" + resources + "</resources><constraints/></configuration><status>";
    for (int i = 1; i <= 3; ++i) {
        std::string n = "node" + std::to_string(i);
        bool is_down = down.find(n) != std::string::npos;
        x += "<node_state id=\"" + std::to_string(i) + "\" uname=\"" + n + "\" in_ccm=\"" +
             (is_down ? "false\" crmd=\"offline\" join=\"down\" expected=\"down\">"
                      : "true\" crmd=\"online\" join=\"member\" expected=\"member\">");
        x += "<lrm id=\"" + std::to_string(i) + "\"><lrm_resources>";
        if (i == 2)
            x += lrm;
        if (i == 1)
            x += lrm1;
        x += "</lrm_resources></lrm></node_state>";
    }
    return x + "</status></cib>";
}

std::string dummy(const std::string& id, const std::string& meta = "") {
    return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
           meta + "<operations><op id=\"" + id +
           "-mon\" name=\"monitor\" interval=\"10s\"/></operations></primitive>";
}

std::string unmanaged(const std::string& id) {
    return "<meta_attributes id=\"" + id + "-m\"><nvpair id=\"" + id +
           "-im\" name=\"is-managed\" value=\"false\"/></meta_attributes>";
}

std::string op(const std::string& rsc, const std::string& task, int interval, int rc, int call,
               const std::string& id = "") {
    std::string key = rsc + "_" + task + "_" + std::to_string(interval);
    return "<lrm_rsc_op id=\"" + (id.empty() ? key : id) + "\" operation_key=\"" + key +
           "\" operation=\"" + task +
           "\" transition-key=\"1:0:0:x\" transition-magic=\"0:" + std::to_string(rc) +
           ";1:0:0:x\" rc-code=\"" + std::to_string(rc) + "\" op-status=\"0\" call-id=\"" +
           std::to_string(call) + "\" interval=\"" + std::to_string(interval) +
           "\" last-rc-change=\"1000\" exec-time=\"1\" queue-time=\"0\"/>";
}

std::string history(const std::string& rsc, const std::string& ops) {
    return "<lrm_resource id=\"" + rsc + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
           ops + "</lrm_resource>";
}

// Started on node2, then its 10 s monitor failed there.
std::string failed_monitor(const std::string& rsc) {
    return history(rsc, op(rsc, "start", 0, 0, 11, rsc + "_last_0") +
                            op(rsc, "monitor", 10000, 1, 12, rsc + "_last_failure_0"));
}

bool has(const std::vector<std::string>& v, const std::string& line) {
    return std::find(v.begin(), v.end(), line) != v.end();
}

}  // namespace

TEST_CASE("an unmanaged resource whose monitor failed is monitored again, which clears the failure",
          "[scheduler]") {
    auto out = schedule_lines(cib_text(false, dummy("r0", unmanaged("r0")), failed_monitor("r0")));
    CHECK(has(out, "placement r0 node2 Started"));
    CHECK_FALSE(has(out, "placement r0 node2 FAILED:Started"));

    // The monitor that failed is scheduled again although it is in the history.
    auto doc = xml::parse(cib_text(false, dummy("r0", unmanaged("r0")), failed_monitor("r0")));
    REQUIRE(doc.ok());
    auto c = cib::unpack(*doc);
    REQUIRE(c.ok());
    auto t = scheduler::schedule(*c, {});
    REQUIRE(t.ok());
    bool monitored = std::any_of(t->graph.actions.begin(), t->graph.actions.end(), [](auto& a) {
        return a.resource == "r0" && a.task == "monitor" && a.interval_ms == 10000 &&
               a.node == "node2" && a.runnable;
    });
    CHECK(monitored);
}

TEST_CASE("a failed start stays failed when only a monitor runs after it", "[scheduler]") {
    // Unmanaged: nothing but the monitor runs, and a passing monitor does not
    // answer a failed start.
    auto out = schedule_lines(cib_text(false, dummy("r0", unmanaged("r0")),
                                       history("r0", op("r0", "start", 0, 1, 11, "r0_last_0"))));
    CHECK(has(out, "placement r0 node2 FAILED:Started"));
}

TEST_CASE("a passing run of the operation that failed last clears the failure", "[scheduler]") {
    // The history already holds the monitor passing again: nothing to recover.
    std::string ops = op("r0", "start", 0, 0, 11, "r0_last_0") +
                      op("r0", "monitor", 10000, 1, 12, "r0_last_failure_0") +
                      op("r0", "monitor", 10000, 0, 13);
    auto out = schedule_lines(cib_text(false, dummy("r0"), history("r0", ops)));
    CHECK(out == std::vector<std::string>{"placement r0 node2 Started"});
}

TEST_CASE("fencing enabled without a device: running resources keep their failure marks",
          "[scheduler]") {
    // Configured, failed start: no recovery, still failed.
    auto out = schedule_lines(
        cib_text(true, dummy("r0"), history("r0", op("r0", "start", 0, 1, 11, "r0_last_0"))));
    CHECK(out == std::vector<std::string>{"placement r0 node2 FAILED:Started"});
    // Orphan with a failed monitor: orphans are not monitored, still failed.
    out = schedule_lines(cib_text(true, "", failed_monitor("r0")));
    CHECK(out == std::vector<std::string>{"placement r0 node2 FAILED:Started"});
    // Configured with a failed monitor: the monitor runs again and passes.
    out = schedule_lines(cib_text(true, dummy("r0"), failed_monitor("r0")));
    CHECK(out == std::vector<std::string>{"placement r0 node2 Started"});
}

TEST_CASE("a failure on a node that must be fenced is not a failure to recover", "[scheduler]") {
    // node2 is down but r0 is thought active there: the node is fenced, and
    // r0's failed start there needs no recovery of its own: it moves.
    std::string fence = "<primitive id=\"fence\" class=\"stonith\" type=\"fence_dummy\"/>";
    auto out =
        schedule_lines(cib_text(true, dummy("r0") + fence,
                                history("r0", op("r0", "start", 0, 1, 11, "r0_last_0")), "node2"));
    CHECK(has(out, "action fence node2 reboot"));
    CHECK(has(out, "action move r0 node2->node1"));
    CHECK(has(out, "placement r0 node1 Started"));
}

TEST_CASE("a resource failed on a clean node stays marked failed even where its node is fenced",
          "[scheduler]") {
    // The orphan failed on node1 (online) and on node2 (down): the mark is
    // the resource's, set by node1's failure; node2's needs no recovery.
    auto out =
        schedule_lines(cib_text(true, "", failed_monitor("r0"), "node2", failed_monitor("r0")));
    CHECK(has(out, "placement r0 node1 FAILED:Started"));
    CHECK(has(out, "placement r0 node2 FAILED:Started"));
}

TEST_CASE("a node found to need fencing ignores failures read after that on it too",
          "[scheduler]") {
    // node2 is down: the orphan r0, thought active there, makes it unclean;
    // the unmanaged r1's failed start read next there is then no failure.
    std::string lrm =
        failed_monitor("r0") + history("r1", op("r1", "start", 0, 1, 13, "r1_last_0"));
    auto out = schedule_lines(cib_text(true, dummy("r1", unmanaged("r1")), lrm, "node2"));
    CHECK(has(out, "placement r0 node2 Started"));
    CHECK(has(out, "placement r1 node2 Started"));
    CHECK_FALSE(has(out, "placement r1 node2 FAILED:Started"));
}
