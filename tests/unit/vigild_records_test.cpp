// What the DC writes besides executor results: fencing outcomes in the
// status section and its record of nodes and cluster properties in the
// configuration. Both travel as CPG messages (encoded and decoded here as
// on the wire) and every member applies them the same way.
#include <catch2/catch.hpp>

#include <map>

#include "controller.h"
#include "crm/cib/digest.h"
#include "crm/cib/validate.h"
#include "crm/edit/property_edit.h"
#include "dc_record.h"
#include "fence_record.h"
#include "replica.h"

using vigild::CpgMessage;
using vigild::MemberId;
using vigild::Replica;
namespace xml = crm::xml;

namespace {

// The two members are standby1 and standby2: cluster1 (node 1), whose status
// the records change, is not one of them (a member's own old history is
// erased when it starts, see replica.h).
const MemberId n1{2, 200}, n2{3, 300};

// Two members; every message goes through encode/decode and reaches both.
struct Pair {
    std::map<MemberId, Replica> nodes;
    std::vector<std::pair<MemberId, std::string>> wire;
    std::vector<std::string> log;

    explicit Pair(const xml::Node& cib) {
        nodes.emplace(n1, Replica(n1, cib, true, nullptr));
        nodes.emplace(n2, Replica(n2, cib, true, nullptr));
        for (auto& [id, r] : nodes)
            take(id, r.on_view({n1, n2}));
        run();
    }
    void take(const MemberId& who, vigild::Effects fx) {
        for (auto& m : fx.send)
            wire.emplace_back(who, vigild::encode(m));
        for (auto& l : fx.log)
            log.push_back(l);
    }
    void run() {
        while (!wire.empty()) {
            auto [from, bytes] = wire.front();
            wire.erase(wire.begin());
            auto msg = vigild::decode_cpg(bytes);
            REQUIRE(msg.ok());
            for (auto& [id, r] : nodes)
                take(id, r.on_message(from, *msg));
        }
    }
    Replica& at(const MemberId& m) { return nodes.at(m); }
};

xml::Node seed() {
    auto doc = xml::parse_file(std::string(VIGIL_SOURCE_DIR) + "/tests/data/cib/seed.xml");
    REQUIRE(doc.ok());
    return std::move(*doc);
}

// The seed with cluster1 running both VIPs and a fail count there.
xml::Node seed_running_on_cluster1() {
    xml::Node cib = seed();
    auto parsed = xml::parse(R"(<node_state id="1" uname="cluster1" in_ccm="true" crmd="online"
        join="member" expected="member"><transient_attributes id="1"><instance_attributes
        id="status-1"><nvpair id="status-1-fc" name="fail-count-IPVirtual_1#monitor_30000"
        value="1"/></instance_attributes></transient_attributes><lrm id="1"><lrm_resources>
        <lrm_resource id="IPVirtual_1" class="ocf" provider="heartbeat" type="IPaddr2">
        <lrm_rsc_op id="IPVirtual_1_last_0" operation="start" rc-code="0" op-status="0"
        interval="0" transition-key="1:3:0:dc"/></lrm_resource></lrm_resources></lrm></node_state>)");
    REQUIRE(parsed.ok());
    cib.ensure_child("status").add_child(*parsed);
    return cib;
}

const xml::Node* state_of(const xml::Node& cib, const std::string& uname) {
    for (const auto* ns : cib.first_child("status")->children_named("node_state"))
        if (ns->attr("uname") == uname)
            return ns;
    return nullptr;
}

vigild::FenceRecord record(bool ok) {
    vigild::FenceRecord r;
    r.target = "cluster1";
    r.target_id = "1";
    r.device = "st-null";
    r.action = "off";
    r.by = "standby1";
    r.ok = ok;
    r.at = 1700000000;
    r.detail = ok ? "" : "agent exited 1: no power switch answered";
    return r;
}

}  // namespace

TEST_CASE("fence record: a success marks the node cleanly down and erases its history",
          "[vigild][fencing][records]") {
    Pair p(seed_running_on_cluster1());
    const auto before = p.at(n1).version();
    p.take(n2, p.at(n2).request_fenced(record(true)));
    p.run();
    for (const MemberId& m : {n1, n2}) {
        const xml::Node* ns = state_of(p.at(m).cib(), "cluster1");
        REQUIRE(ns);
        CHECK(ns->attr("in_ccm") == "false");
        CHECK(ns->attr("crmd") == "offline");
        CHECK(ns->attr("join") == "down");
        CHECK(ns->attr("expected") == "down");
        CHECK(ns->first_child("lrm")->first_child("lrm_resources")->children.empty());
        CHECK_FALSE(ns->first_child("transient_attributes"));
        CHECK(ns->attr("vigil-fence-result") == "ok");
        CHECK(ns->attr("vigil-fenced-at") == "1700000000");
        CHECK(ns->attr("vigil-fence-device") == "st-null");
        CHECK(ns->attr("vigil-fence-action") == "off");
        CHECK(ns->attr("vigil-fence-by") == "standby1");
        CHECK_FALSE(ns->has_attr("vigil-fence-detail"));
    }
    CHECK(p.at(n1).digest() == p.at(n2).digest());
    const auto after = p.at(n1).version();
    CHECK(after.epoch == before.epoch);  // a status change
    CHECK(after.num_updates == before.num_updates + 1);
    // The same record again (a transition that asks twice) changes nothing.
    p.take(n2, p.at(n2).request_fenced(record(true)));
    p.run();
    CHECK(p.at(n1).version() == after);
    // The CIB stays valid (schema and semantics).
    CHECK_FALSE(crm::cib::has_errors(crm::cib::validate(p.at(n1).cib())));
}

TEST_CASE("fence record: a failure is recorded and the node's state is left alone",
          "[vigild][fencing][records]") {
    Pair p(seed_running_on_cluster1());
    p.take(n2, p.at(n2).request_fenced(record(false)));
    p.run();
    const xml::Node* ns = state_of(p.at(n1).cib(), "cluster1");
    REQUIRE(ns);
    CHECK(ns->attr("vigil-fence-result") == "failed");
    CHECK(ns->attr("vigil-fence-detail") == "agent exited 1: no power switch answered");
    CHECK(ns->attr("expected") == "member");  // its resources may still run there
    CHECK(ns->first_child("lrm")->first_child("lrm_resources")->children.size() == 1);
    CHECK(ns->first_child("transient_attributes"));
    bool logged = false;
    for (const auto& l : p.log)
        logged = logged || l.find("fencing of node cluster1 FAILED") != std::string::npos;
    CHECK(logged);
    // A later success replaces the failure's detail.
    p.take(n2, p.at(n2).request_fenced(record(true)));
    p.run();
    ns = state_of(p.at(n2).cib(), "cluster1");
    CHECK(ns->attr("vigil-fence-result") == "ok");
    CHECK_FALSE(ns->has_attr("vigil-fence-detail"));
}

TEST_CASE("fence record: a node with no status yet gets one", "[vigild][fencing][records]") {
    xml::Node cib = seed();
    auto r = record(true);
    r.target = "standby2";
    r.target_id = "3";
    CHECK(vigild::record_fence(cib, r));
    const xml::Node* ns = state_of(cib, "standby2");
    REQUIRE(ns);
    CHECK(ns->attr("id") == "3");
    CHECK(ns->attr("expected") == "down");
    CHECK_FALSE(vigild::record_fence(cib, r));
}

TEST_CASE("cluster record: nodes and properties are written once", "[vigild][records]") {
    xml::Node cib = vigild::empty_cib();
    Pair p(cib);
    auto rec = vigild::cluster_record({{"1", "cluster1"}, {"2", "standby1"}, {"3", "standby2"}},
                                      "vigil_it");
    const auto before = p.at(n1).version();
    p.take(n1, p.at(n1).request_cluster_record(rec));
    p.run();
    const xml::Node& after = p.at(n2).cib();
    CHECK(p.at(n1).digest() == p.at(n2).digest());
    CHECK(p.at(n1).version().epoch == before.epoch + 1);
    const xml::Node* nodes = after.first_child("configuration")->first_child("nodes");
    REQUIRE(nodes->children.size() == 3);
    CHECK(nodes->children[1].attr("id") == "2");
    CHECK(nodes->children[1].attr("uname") == "standby1");
    const std::string text = xml::to_string(after);
    CHECK_THAT(text, Catch::Contains(R"(name="dc-version" value="vigil-)"));
    CHECK_THAT(text, Catch::Contains(R"(name="cluster-infrastructure" value="corosync")"));
    CHECK_THAT(text, Catch::Contains(R"(name="cluster-name" value="vigil_it")"));
    CHECK_THAT(text, Catch::Contains(R"(name="have-watchdog" value="false")"));
    CHECK_THAT(text, Catch::Contains(R"(<cluster_property_set id="cib-bootstrap-options">)"));
    CHECK_FALSE(crm::cib::has_errors(crm::cib::validate(after)));
    // Sent again (a new DC, a restart): nothing differs, no epoch bump.
    const auto settled = p.at(n1).version();
    p.take(n2, p.at(n2).request_cluster_record(rec));
    p.run();
    CHECK(p.at(n1).version() == settled);
    xml::Node copy = after;
    CHECK_FALSE(vigild::apply_cluster_record(copy, rec));
}

TEST_CASE("cluster record: existing nodes and properties are respected", "[vigild][records]") {
    // The seed: nodes 1..3 by uname; cib-bootstrap-options with
    // cluster-name=debian. A second set holds an old dc-version.
    xml::Node cib = seed();
    xml::Node& crm_config = *cib.first_child("configuration")->first_child("crm_config");
    auto set = xml::parse(R"(<cluster_property_set id="opts"><nvpair id="opts-dcv"
        name="dc-version" value="2.1.5-a3f44794f94"/></cluster_property_set>)");
    REQUIRE(set.ok());
    crm_config.add_child(*set);
    const auto nodes_before = cib.first_child("configuration")->first_child("nodes")->children;
    auto rec = vigild::cluster_record({{"1", "cluster1"}, {"4", "standby3"}}, "web");
    CHECK(vigild::apply_cluster_record(cib, rec));
    const auto& nodes = cib.first_child("configuration")->first_child("nodes")->children;
    CHECK(nodes.size() == nodes_before.size() + 1);  // only standby3 is new
    CHECK(nodes.back().attr("uname") == "standby3");
    // Properties are updated where they are, not duplicated.
    CHECK(cib.find_by_id("cib-bootstrap-options-cluster-name")->attr("value") == "web");
    CHECK_THAT(cib.find_by_id("opts-dcv")->attr("value"), Catch::StartsWith("vigil-"));
    for (const char* name : {"cluster-name", "dc-version", "have-watchdog"}) {
        std::size_t count = 0;
        for (const auto& s : crm_config.children)
            for (const auto& p : s.children)
                count += p.attr("name") == name ? 1 : 0;
        CHECK(count == 1);
    }
    CHECK_FALSE(crm::cib::has_errors(crm::cib::validate(cib)));
}

TEST_CASE("cluster record: node ids used in the status do not hide a missing node",
          "[vigild][records]") {
    // A configuration replaced with an empty <nodes/> while the status
    // still has node_state id="1" (and lrm/transient ids "1").
    xml::Node cib = seed_running_on_cluster1();
    cib.first_child("configuration")->first_child("nodes")->children.clear();
    CHECK(vigild::apply_cluster_record(cib, vigild::cluster_record({{"1", "cluster1"}}, "debian")));
    const auto& nodes = cib.first_child("configuration")->first_child("nodes")->children;
    REQUIRE(nodes.size() == 1);
    CHECK(nodes[0].attr("id") == "1");
    CHECK_FALSE(crm::cib::has_errors(crm::cib::validate(cib)));
}

TEST_CASE("cluster record: a replacement without the DC's properties keeps them",
          "[vigild][records]") {
    Pair p(seed());
    p.take(n1, p.at(n1).request_cluster_record(vigild::cluster_record({}, "debian")));
    p.run();
    // A client replaces the configuration with a file that lacks dc-version
    // and has no cluster-infrastructure either.
    xml::Node mine = seed();
    xml::Node& set = mine.first_child("configuration")->first_child("crm_config")->children[0];
    std::erase_if(set.children,
                  [](const xml::Node& nv) { return nv.attr("name") == "cluster-infrastructure"; });
    p.take(n2, p.at(n2).request_replace(7, mine, p.at(n2).version()));
    p.run();
    const std::string text = xml::to_string(p.at(n1).cib());
    CHECK_THAT(text, Catch::Contains(R"(name="dc-version" value="vigil-)"));
    CHECK_THAT(text, Catch::Contains(R"(name="cluster-infrastructure" value="corosync")"));
    CHECK(p.at(n1).digest() == p.at(n2).digest());
    // Nothing left for the DC to write: the replace was the only epoch bump.
    xml::Node probe = p.at(n1).cib();
    CHECK_FALSE(vigild::apply_cluster_record(probe, vigild::cluster_record({}, "debian")));
    // A replacement's own value wins.
    xml::Node other = seed();
    other.first_child("configuration")
        ->first_child("crm_config")
        ->children[0]
        .find_by_id("cib-bootstrap-options-cluster-name")
        ->set_attr("value", "renamed");
    p.take(n2, p.at(n2).request_replace(8, other, p.at(n2).version()));
    p.run();
    CHECK_THAT(xml::to_string(p.at(n1).cib()), Catch::Contains(R"(value="renamed")"));
}

// dc-deadtime: the start-up wait (vigild_startup_wait_test.cpp tests what it
// does); a configuration carrying it, or an operator setting it, must not be
// refused anywhere.
TEST_CASE("dc-deadtime is accepted by property set, validation, the scheduler and the DC",
          "[vigild][records]") {
    auto set = crm::edit::property_set(seed(), {{"dc-deadtime", "20s"}});
    REQUIRE(set.ok());
    CHECK_THAT(xml::to_string(*set), Catch::Contains(R"(name="dc-deadtime" value="20s")"));
    CHECK_FALSE(crm::cib::has_errors(crm::cib::validate(*set)));
    vigild::ClusterFacts facts;
    facts.nodes = {{1, "cluster1", true}, {2, "standby1", true}, {3, "standby2", true}};
    facts.quorate = true;
    facts.dc = 1;
    auto t = vigild::plan(vigild::scheduler_input(*set, facts), 1700000000);
    REQUIRE(t.ok());
    CHECK_FALSE(t->graph.executable().empty());  // it schedules the seed's resources
    // The DC's record leaves it alone.
    xml::Node copy = *set;
    vigild::apply_cluster_record(copy, vigild::cluster_record({}, "debian"));
    CHECK_THAT(xml::to_string(copy), Catch::Contains(R"(name="dc-deadtime" value="20s")"));
    // A value that is not a duration is still refused, naming the property.
    auto bad = crm::edit::property_set(seed(), {{"dc-deadtime", "soon"}});
    REQUIRE_FALSE(bad.ok());
    CHECK_THAT(bad.error(), Catch::Contains("dc-deadtime"));
}
