#include <catch2/catch.hpp>

#include "controller.h"
#include "lrm_history.h"
#include "replica.h"

namespace xml = crm::xml;

namespace {

xml::Node cib_with_dummy() {
    xml::Node cib = vigild::empty_cib();
    xml::Node p("primitive");
    p.set_attr("id", "d1");
    p.set_attr("class", "ocf");
    p.set_attr("provider", "heartbeat");
    p.set_attr("type", "Dummy");
    xml::Node ia("instance_attributes");
    ia.set_attr("id", "d1-ia");
    xml::Node nv("nvpair");
    nv.set_attr("id", "d1-ia-fake");
    nv.set_attr("name", "fake");
    nv.set_attr("value", "x y");
    ia.add_child(nv);
    p.add_child(ia);
    cib.first_child("configuration")->first_child("resources")->add_child(p);
    // Without fencing configured, resources only start with stonith disabled.
    xml::Node props("cluster_property_set");
    props.set_attr("id", "opts");
    xml::Node st("nvpair");
    st.set_attr("id", "opts-stonith");
    st.set_attr("name", "stonith-enabled");
    st.set_attr("value", "false");
    props.add_child(st);
    cib.first_child("configuration")->first_child("crm_config")->add_child(props);
    return cib;
}

vigild::ClusterFacts two_nodes() {
    vigild::ClusterFacts f;
    f.nodes = {{1, "n1", true}, {2, "n2", true}};
    f.quorate = true;
    f.dc = 1;
    return f;
}

// Records an executor result in the node's lrm status, as the daemon does.
void record(xml::Node& cib, const vigild::Order& order, int rc) {
    vigild::AgentResult r;
    r.rc = rc;
    xml::Node entry = vigild::lrm_entry(order.op, r, {order.node, 1, 1000});
    xml::Node& status = cib.ensure_child("status");
    for (xml::Node& ns : status.children)
        if (ns.name == "node_state" && ns.attr("uname") == order.node) {
            ns.ensure_child("lrm").ensure_child("lrm_resources").add_child(entry);
            return;
        }
    xml::Node ns("node_state");
    ns.set_attr("id", order.node == "n1" ? "1" : "2");
    ns.set_attr("uname", order.node);
    ns.ensure_child("lrm").ensure_child("lrm_resources").add_child(entry);
    status.add_child(ns);
}

bool is_probe(const vigild::Order& o) {
    return o.op.action == "monitor" && o.op.interval_ms == 0;
}

}  // namespace

TEST_CASE("vigild controller: membership and quorum are written over the scheduler's input",
          "[vigild][controller]") {
    auto facts = two_nodes();
    facts.nodes[1].online = false;
    xml::Node in = vigild::scheduler_input(vigild::empty_cib(), facts);
    CHECK(in.attr("have-quorum") == "1");
    const xml::Node* status = in.first_child("status");
    REQUIRE(status);
    auto states = status->children_named("node_state");
    REQUIRE(states.size() == 2);
    CHECK(states[0]->attr("crmd") == "online");
    CHECK(states[1]->attr("in_ccm") == "false");
    CHECK(in.first_child("configuration")->first_child("nodes")->children_named("node").size() ==
          2);
}

TEST_CASE("vigild controller: quorum lost (not never reached) is marked for the scheduler",
          "[vigild][controller]") {
    auto facts = two_nodes();
    facts.quorate = false;
    CHECK(vigild::scheduler_input(vigild::empty_cib(), facts).attr("no-quorum-panic").empty());
    facts.ever_quorate = true;
    xml::Node lost = vigild::scheduler_input(vigild::empty_cib(), facts);
    CHECK(lost.attr("have-quorum") == "0");
    CHECK(lost.attr("no-quorum-panic") == "1");
    facts.quorate = true;
    CHECK(vigild::scheduler_input(lost, facts).attr("no-quorum-panic").empty());
}

TEST_CASE("vigild controller: a new resource is started, then the cluster settles",
          "[vigild][controller]") {
    xml::Node cib = cib_with_dummy();
    auto facts = two_nodes();
    vigild::Controller c("n1");
    CHECK_FALSE(vigild::nothing_to_do(cib, facts, 1000));
    // Its state is unknown on both nodes: probes first, expecting "not running".
    auto probes = c.on_change(cib, facts, 1000);
    REQUIRE(probes.dispatch.size() == 2);
    for (const auto& p : probes.dispatch) {
        CHECK(is_probe(p));
        CHECK(p.op.rsc == "d1");
    }
    CHECK(probes.dispatch[0].node != probes.dispatch[1].node);
    CHECK(c.busy());
    record(cib, probes.dispatch[0], 7);
    auto mid = c.on_result(probes.dispatch[0].op.transition_key, true, cib, facts, 1000);
    CHECK(mid.dispatch.empty());  // the start waits for both probes
    record(cib, probes.dispatch[1], 7);
    auto step = c.on_result(probes.dispatch[1].op.transition_key, true, cib, facts, 1000);
    REQUIRE(step.dispatch.size() == 1);
    const auto& order = step.dispatch[0];
    CHECK(order.op.rsc == "d1");
    CHECK(order.op.action == "start");
    CHECK(order.op.params.at("fake") == "x y");
    CHECK(c.busy());

    // The executor's result lands in the CIB, then reaches the controller.
    record(cib, order, 0);
    auto after = c.on_result(order.op.transition_key, true, cib, facts, 1001);
    CHECK(after.dispatch.empty());
    CHECK_FALSE(c.busy());
    CHECK(c.idle());
    CHECK(vigild::nothing_to_do(cib, facts, 1002));
}

TEST_CASE("vigild controller: new input during a transition stops it after running actions",
          "[vigild][controller]") {
    xml::Node cib = cib_with_dummy();
    auto facts = two_nodes();
    // Already probed on both nodes: the first transition is the start alone.
    for (const char* n : {"n1", "n2"}) {
        vigild::Order probe;
        probe.node = n;
        probe.op.rsc = "d1";
        probe.op.cls = "ocf";
        probe.op.provider = "heartbeat";
        probe.op.type = "Dummy";
        probe.op.action = "monitor";
        probe.op.transition_key = "0:0:7:n1";
        record(cib, probe, 7);
    }
    vigild::Controller c("n1");
    auto step = c.on_change(cib, facts, 1000);
    REQUIRE(step.dispatch.size() == 1);
    CHECK(step.dispatch[0].op.action == "start");
    auto again = c.on_change(cib, facts, 1000);
    CHECK(again.dispatch.empty());
    REQUIRE(again.log.size() == 1);
    CHECK_THAT(again.log[0], Catch::Contains("aborted"));
    // Once the running action reports, the stale transition ends and the
    // controller replans from the current input at once.
    auto done = c.on_result(step.dispatch[0].op.transition_key, false, cib, facts, 1001);
    bool stopped = false;
    for (const auto& l : done.log)
        stopped = stopped || l.find("stopped for new input") != std::string::npos;
    CHECK(stopped);
    REQUIRE(done.dispatch.size() == 1);
    CHECK(done.dispatch[0].op.transition_key != step.dispatch[0].op.transition_key);
}

namespace {

// d1 with failure-timeout=60s, its monitor failed on n1 at `t` (fail count
// 1, migration-threshold 1): it moves to n2 until the failure expires.
xml::Node cib_with_failure(std::int64_t t, const char* recheck_interval) {
    xml::Node cib = cib_with_dummy();
    xml::Node* p = cib.find_by_id("d1");
    auto meta = xml::parse(R"(<meta_attributes id="d1-meta">
        <nvpair id="d1-meta-ft" name="failure-timeout" value="60s"/>
        <nvpair id="d1-meta-mt" name="migration-threshold" value="1"/></meta_attributes>)");
    REQUIRE(meta.ok());
    p->add_child(*meta);
    if (recheck_interval) {
        xml::Node nv("nvpair");
        nv.set_attr("id", "opts-recheck");
        nv.set_attr("name", "cluster-recheck-interval");
        nv.set_attr("value", recheck_interval);
        cib.find_by_id("opts")->add_child(nv);
    }
    // Without the failure d1 would run on n1.
    auto pref = xml::parse(R"(<rsc_location id="d1-prefers-n1" rsc="d1" node="n1" score="100"/>)");
    REQUIRE(pref.ok());
    cib.first_child("configuration")->first_child("constraints")->add_child(*pref);
    const std::string ts = std::to_string(t);
    auto ns = xml::parse(R"(<node_state id="1" uname="n1"><transient_attributes id="1">
        <instance_attributes id="status-1">
        <nvpair id="s1-fc" name="fail-count-d1#monitor_10000" value="1"/>
        <nvpair id="s1-lf" name="last-failure-d1#monitor_10000" value=")" +
                         ts + R"("/></instance_attributes></transient_attributes>
        <lrm id="1"><lrm_resources><lrm_resource id="d1" class="ocf" provider="heartbeat"
        type="Dummy"><lrm_rsc_op id="d1_last_0" operation="stop" interval="0" rc-code="0"
        op-status="0" transition-key="1:2:0:n1" last-rc-change=")" +
                         ts + R"("/><lrm_rsc_op id="d1_last_failure_0" operation="monitor"
        interval="10000" rc-code="7" op-status="0" transition-key="1:1:0:n1"
        last-rc-change=")" +
                         ts + R"("/></lrm_resource></lrm_resources></lrm></node_state>)");
    REQUIRE(ns.ok());
    cib.ensure_child("status").add_child(*ns);
    return cib;
}

// The transition a step started includes this action ("rsc_task_0 node").
bool planned(const vigild::ControllerStep& step, const std::string& action) {
    for (const auto& l : step.log) {
        if (l.find("started:") != std::string::npos && l.find(action) != std::string::npos)
            return true;
    }
    return false;
}

}  // namespace

TEST_CASE(
    "vigild controller: the scheduler runs again when a failure expires, at most "
    "cluster-recheck-interval apart",
    "[vigild][controller][recheck]") {
    const std::int64_t t = 1700000000;
    {
        // No failure: the default interval, 15 minutes.
        vigild::Controller c("n1");
        c.on_change(cib_with_dummy(), two_nodes(), t);
        REQUIRE(c.recheck_at());
        CHECK(*c.recheck_at() == t + 900);
    }
    {
        // The failure expires 60 s after it happened, sooner than 15 min.
        vigild::Controller c("n1");
        auto step = c.on_change(cib_with_failure(t, nullptr), two_nodes(), t + 10);
        // (the start may wait for probes: the transition's summary tells)
        CHECK_FALSE(planned(step, "d1_start_0 n1"));  // still banned from n1 until then
        CHECK(planned(step, "d1_start_0 n2"));
        REQUIRE(c.recheck_at());
        CHECK(*c.recheck_at() == t + 60);
        // Once reached, the recheck is cleared until the scheduler's next
        // run sets one (here the transition still runs: no time, no spin).
        c.on_recheck(cib_with_failure(t, nullptr), two_nodes(), t + 60);
        CHECK_FALSE(c.recheck_at());
        // Planned at the expiry, the failure no longer counts (d1 starts on
        // n1 again): only the 15-minute bound is left.
        vigild::Controller later("n1");
        auto back = later.on_change(cib_with_failure(t, nullptr), two_nodes(), t + 60);
        CHECK(planned(back, "d1_start_0 n1"));
        REQUIRE(later.recheck_at());
        CHECK(*later.recheck_at() == t + 60 + 900);
    }
    {
        // A shorter cluster-recheck-interval bounds it.
        vigild::Controller c("n1");
        c.on_change(cib_with_failure(t, "20s"), two_nodes(), t + 10);
        REQUIRE(c.recheck_at());
        CHECK(*c.recheck_at() == t + 30);
    }
    {
        // 0 disables the periodic recheck; the expiry still counts.
        vigild::Controller c("n1");
        c.on_change(cib_with_failure(t, "0"), two_nodes(), t + 10);
        REQUIRE(c.recheck_at());
        CHECK(*c.recheck_at() == t + 60);
        vigild::Controller idle("n1");
        xml::Node plain = cib_with_dummy();
        xml::Node nv("nvpair");
        nv.set_attr("id", "opts-recheck");
        nv.set_attr("name", "cluster-recheck-interval");
        nv.set_attr("value", "0");
        plain.find_by_id("opts")->add_child(nv);
        idle.on_change(plain, two_nodes(), t);
        CHECK_FALSE(idle.recheck_at());
    }
}

TEST_CASE("an anonymous clone's instances run and are recorded under the primitive's id",
          "[controller]") {
    auto cib_xml = crm::xml::parse(R"(<cib epoch="1" num_updates="0" admin_epoch="0">
      <configuration><crm_config/><nodes/><resources>
        <clone id="anon"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/></clone>
        <clone id="uniq">
          <meta_attributes id="uniq-meta">
            <nvpair id="uniq-gu" name="globally-unique" value="true"/>
          </meta_attributes>
          <primitive id="u" class="ocf" provider="heartbeat" type="Dummy"/>
        </clone>
        <clone id="grp-clone"><group id="grp">
          <primitive id="g1" class="ocf" provider="heartbeat" type="Dummy"/>
        </group></clone>
      </resources><constraints/></configuration><status/></cib>)");
    REQUIRE(cib_xml.ok());
    auto cib = crm::cib::unpack(*cib_xml);
    REQUIRE(cib.ok());
    auto op_for = [&](const std::string& instance) {
        crm::graph::Action a;
        a.resource = instance;
        a.task = "stop";
        a.node = "node1";
        auto op = vigild::agent_op_for(*cib, a, "1:2:0:key");
        REQUIRE(op.ok());
        return op->rsc;
    };
    // As Pacemaker: one history entry per anonymous resource and node, so a
    // resource cloned while it ran keeps one entry that its stop updates.
    CHECK(op_for("a:0") == "a");
    CHECK(op_for("a:2") == "a");
    CHECK(op_for("g1:1") == "g1");
    CHECK(op_for("u:1") == "u:1");
}

TEST_CASE("an orphan is stopped under the id its history has", "[controller]") {
    auto cib_xml = crm::xml::parse(R"(<cib epoch="1" num_updates="0" admin_epoch="0">
      <configuration><crm_config/><nodes><node id="1" uname="node1"/></nodes>
        <resources/><constraints/></configuration>
      <status><node_state id="1" uname="node1"><lrm id="1"><lrm_resources>
        <lrm_resource id="gone" class="ocf" provider="heartbeat" type="Dummy"/>
      </lrm_resources></lrm></node_state></status></cib>)");
    REQUIRE(cib_xml.ok());
    auto cib = crm::cib::unpack(*cib_xml);
    REQUIRE(cib.ok());
    crm::graph::Action a;
    a.resource = "gone:0";
    a.task = "stop";
    a.node = "node1";
    auto op = vigild::agent_op_for(*cib, a, "1:2:0:key");
    REQUIRE(op.ok());
    CHECK(op->rsc == "gone");
    CHECK(op->type == "Dummy");
}

TEST_CASE("vigild controller: an action on a node that left is lost and the DC replans at once",
          "[vigild][controller]") {
    xml::Node cib = cib_with_dummy();
    auto facts = two_nodes();
    vigild::Controller c("n1");
    auto probes = c.on_change(cib, facts, 1000);
    REQUIRE(probes.dispatch.size() == 2);
    const auto& on_n1 = probes.dispatch[0].node == "n1" ? probes.dispatch[0] : probes.dispatch[1];
    record(cib, on_n1, 7);
    CHECK(c.on_result(on_n1.op.transition_key, true, cib, facts, 1000).dispatch.empty());
    // n2 leaves while its probe runs: its result will never come.
    facts.nodes[1].online = false;
    auto step = c.on_change(cib, facts, 1001);
    bool lost_logged = false;
    for (const auto& l : step.log)
        lost_logged = lost_logged || l.find("lost: n2 left the membership") != std::string::npos;
    CHECK(lost_logged);
    // Replanned from the new membership right away: d1 starts on n1.
    REQUIRE(step.dispatch.size() == 1);
    CHECK(step.dispatch[0].node == "n1");
    CHECK(step.dispatch[0].op.action == "start");
    CHECK(c.transition_id() == 2);
    CHECK_FALSE(c.retry_pending());
}

TEST_CASE(
    "vigild controller: an action whose result never comes times out after its timeout "
    "plus cluster-delay",
    "[vigild][controller]") {
    xml::Node cib = cib_with_dummy();
    auto facts = two_nodes();
    vigild::Controller c("n1");
    CHECK_FALSE(c.action_deadline());
    auto probes = c.on_change(cib, facts, 1000);
    REQUIRE(probes.dispatch.size() == 2);
    // Default op timeout 20 s, default cluster-delay 60 s.
    REQUIRE(c.action_deadline());
    CHECK(*c.action_deadline() == 1080);
    CHECK(c.on_timer(cib, facts, 1079).log.empty());
    CHECK(c.busy());
    auto step = c.on_timer(cib, facts, 1080);
    int timed_out = 0;
    for (const auto& l : step.log)
        timed_out += l.find("no result for") != std::string::npos ? 1 : 0;
    CHECK(timed_out == 2);
    CHECK_FALSE(c.busy());
    CHECK(c.retry_pending());  // a failed transition replans on the daemon's retry timer
    CHECK_FALSE(c.action_deadline());
    // A result that arrives late is new input, not a crash.
    record(cib, probes.dispatch[0], 7);
    auto late = c.on_result(probes.dispatch[0].op.transition_key, true, cib, facts, 1081);
    CHECK(c.busy());
    CHECK_FALSE(late.dispatch.empty());
}

// While a view is being synced, or members still have to republish their
// history, the status is about to change: a transition planned on it would
// act on stale facts and then abort. The controller waits for the daemon's
// next call instead.
TEST_CASE("vigild controller: no transition starts before the CIB is settled",
          "[vigild][controller]") {
    xml::Node cib = cib_with_dummy();
    auto facts = two_nodes();
    facts.cib_settled = false;
    vigild::Controller c("n1");
    auto none = c.on_change(cib, facts, 1000);
    CHECK(none.dispatch.empty());
    CHECK_FALSE(c.busy());
    facts.cib_settled = true;
    auto probes = c.on_change(cib, facts, 1000);
    CHECK(probes.dispatch.size() == 2);
    CHECK(c.busy());
}
