#include <catch2/catch.hpp>

#include <tuple>

#include <fmt/format.h>

#include "controller.h"
#include "cpg_message.h"
#include "lrm_history.h"
#include "replica.h"
#include "shutdown.h"

namespace xml = crm::xml;

namespace {

xml::Node nvpair(const std::string& id, const std::string& name, const std::string& value) {
    xml::Node nv("nvpair");
    nv.set_attr("id", id);
    nv.set_attr("name", name);
    nv.set_attr("value", value);
    return nv;
}

// One Dummy resource d1, stonith disabled; `managed` false sets is-managed.
xml::Node cib_with_dummy(bool managed) {
    xml::Node cib = vigild::empty_cib();
    xml::Node p("primitive");
    p.set_attr("id", "d1");
    p.set_attr("class", "ocf");
    p.set_attr("provider", "heartbeat");
    p.set_attr("type", "Dummy");
    if (!managed) {
        xml::Node meta("meta_attributes");
        meta.set_attr("id", "d1-meta");
        meta.add_child(nvpair("d1-meta-is-managed", "is-managed", "false"));
        p.add_child(meta);
    }
    xml::Node* config = cib.first_child("configuration");
    config->first_child("resources")->add_child(p);
    xml::Node props("cluster_property_set");
    props.set_attr("id", "opts");
    props.add_child(nvpair("opts-stonith", "stonith-enabled", "false"));
    config->first_child("crm_config")->add_child(props);
    return cib;
}

vigild::ClusterFacts two_nodes() {
    vigild::ClusterFacts f;
    f.nodes = {{1, "n1", true}, {2, "n2", true}};
    f.quorate = true;
    f.dc = 1;
    return f;
}

// d1 probed "not running" on n1 and started on n2, as executors record it.
void record_d1(xml::Node& cib) {
    xml::Node& status = cib.ensure_child("status");
    int call = 1;
    for (auto [node, id, action, rc] :
         {std::tuple{"n1", "1", "monitor", 7}, std::tuple{"n2", "2", "start", 0}}) {
        vigild::AgentOp op;
        op.rsc = "d1";
        op.cls = "ocf";
        op.provider = "heartbeat";
        op.type = "Dummy";
        op.action = action;
        op.expected_rc = rc;
        op.transition_key = fmt::format("0:{}:{}:n1", call, rc);
        vigild::AgentResult r;
        r.rc = rc;
        xml::Node ns("node_state");
        ns.set_attr("id", id);
        ns.set_attr("uname", node);
        ns.ensure_child("lrm")
            .ensure_child("lrm_resources")
            .add_child(vigild::lrm_entry(op, r, {node, call++, 1000}));
        status.add_child(std::move(ns));
    }
}

// A replica alone in its view, standing for any member: node 3, whose own
// history (its executor's to republish on joining) is not in the test.
vigild::Replica settled_alone(xml::Node cib) {
    const vigild::MemberId self{3, 300};
    vigild::Replica r(self, std::move(cib), true, nullptr);
    auto fx = r.on_view({self});
    for (auto& m : fx.send)
        r.on_message(self, m);
    REQUIRE(r.settled());
    return r;
}

// Delivers a replica's outgoing messages back to it through the CPG codec.
void loop_back(vigild::Replica& r, vigild::Effects fx) {
    for (auto& m : fx.send) {
        auto decoded = vigild::decode_cpg(vigild::encode(m));
        REQUIRE(decoded.ok());
        r.on_message(r.self(), *decoded);
    }
}

}  // namespace

TEST_CASE("vigild shutdown: the attribute travels through CPG into the node's status",
          "[vigild][shutdown]") {
    auto r = settled_alone(cib_with_dummy(true));
    CHECK_FALSE(vigild::transient_attr(r.cib(), "n2", "shutdown"));
    const auto before = r.version();
    loop_back(r, r.request_attr("n2", "2", "shutdown", "1700000000"));
    CHECK(vigild::transient_attr(r.cib(), "n2", "shutdown") == "1700000000");
    CHECK(before < r.version());
    // Removing it (the node restarted) leaves no trace of it.
    loop_back(r, r.request_attr("n2", "2", "shutdown", ""));
    CHECK_FALSE(vigild::transient_attr(r.cib(), "n2", "shutdown"));
}

TEST_CASE("vigild shutdown: an attr message without a node or a name is refused",
          "[vigild][shutdown]") {
    vigild::CpgMessage m;
    m.type = vigild::MsgType::attr;
    m.node = "n2";
    m.attr_value = "1";
    auto bad = vigild::decode_cpg(vigild::encode(m));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().find("attribute name") != std::string::npos);
}

TEST_CASE("vigild shutdown: the scheduler stops a managed resource on a node shutting down",
          "[vigild][shutdown]") {
    xml::Node cib = cib_with_dummy(true);
    record_d1(cib);
    const auto facts = two_nodes();
    REQUIRE(vigild::nothing_to_do(cib, facts, 1000));
    auto r = settled_alone(cib);
    loop_back(r, r.request_attr("n2", "2", "shutdown", "1000"));
    // The node may not leave yet: d1 must first stop on n2 (and move to n1).
    CHECK_FALSE(vigild::nothing_to_do(r.cib(), facts, 1001));
    vigild::Controller c("n1");
    auto step = c.on_change(r.cib(), facts, 1001);
    bool stop_on_n2 = false;
    for (const auto& o : step.dispatch)
        stop_on_n2 = stop_on_n2 || (o.node == "n2" && o.op.rsc == "d1" && o.op.action == "stop");
    CHECK(stop_on_n2);
}

TEST_CASE("vigild shutdown: an unmanaged resource is left running", "[vigild][shutdown]") {
    xml::Node cib = cib_with_dummy(false);
    record_d1(cib);
    auto r = settled_alone(cib);
    loop_back(r, r.request_attr("n2", "2", "shutdown", "1000"));
    REQUIRE(vigild::nothing_to_do(cib, two_nodes(), 1000));
    CHECK(vigild::nothing_to_do(r.cib(), two_nodes(), 1001));
}

TEST_CASE("vigild shutdown: shutdown-escalation defaults to 20 minutes", "[vigild][shutdown]") {
    xml::Node cib = cib_with_dummy(true);
    CHECK(vigild::shutdown_escalation_ms(cib) == 20 * 60 * 1000);
    cib.first_child("configuration")
        ->first_child("crm_config")
        ->first_child("cluster_property_set")
        ->add_child(nvpair("opts-esc", "shutdown-escalation", "90s"));
    CHECK(vigild::shutdown_escalation_ms(cib) == 90 * 1000);
}
