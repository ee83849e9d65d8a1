#include <catch2/catch.hpp>

#include "crm/cib/cib.h"
#include "crm/status/render.h"
#include "crm/status/view.h"

namespace status = crm::status;
namespace xml = crm::xml;

namespace {

struct Loaded {
    xml::Node doc;
    crm::cib::Cib cib;
};

Loaded load(const std::string& name) {
    auto doc = xml::parse_file(std::string(VIGIL_SOURCE_DIR) + "/tests/cli/data/" + name);
    REQUIRE(doc.ok());
    auto cib = crm::cib::unpack(*doc);
    REQUIRE(cib.ok());
    return {*doc, *cib};
}

const status::PrimitiveView& member(const status::ClusterView& v, const std::string& group,
                                    const std::string& id) {
    for (const auto& r : v.resources)
        if (const auto* g = std::get_if<status::GroupView>(&r); g && g->id == group)
            for (const auto& m : g->members)
                if (m.id == id)
                    return m;
    FAIL("no member " << id);
    throw;
}

}  // namespace

TEST_CASE("offline membership comes from node_state, dc-uuid and have-quorum", "[status]") {
    auto l = load("seed-degraded.xml");
    status::Membership m = status::membership_from_cib(l.cib);
    CHECK(m.from_file);
    CHECK(m.dc == "cluster1");
    REQUIRE(m.quorate);
    CHECK(*m.quorate);
    REQUIRE(m.members.size() == 3);
    CHECK(m.members[0].online);
    CHECK(m.members[1].online);
    CHECK(!m.members[2].online);  // standby2: in_ccm=false
}

TEST_CASE("the view reads roles, failures, standby, bans and warnings", "[status]") {
    auto l = load("seed-degraded.xml");
    auto v = status::build_view(l.cib, status::membership_from_cib(l.cib));
    CHECK(v.cluster_name == "debian");
    CHECK(v.instances_configured == 5);  // 2 group members + 3 clone instances
    REQUIRE(v.nodes.size() == 3);
    CHECK(v.nodes[1].standby);
    CHECK(!v.nodes[2].online);
    const auto& ip1 = member(v, "grupo1", "IPVirtual_1");
    REQUIRE(ip1.running.size() == 1);
    CHECK(ip1.running[0].node == "cluster1");
    CHECK(ip1.running[0].role == "Started");
    CHECK(!ip1.failed);
    const auto& ip2 = member(v, "grupo1", "IPVirtual_2");
    CHECK(ip2.failed);  // its 30s monitor returned "not running"
    // History on the offline node does not count as running there.
    CHECK(status::active_nodes(v, "grupo1") == std::vector<std::string>{"cluster1"});
    REQUIRE(v.failures.size() == 2);
    CHECK(v.failures[0].op_key == "IPVirtual_2_monitor_30000");
    CHECK(v.failures[0].rc == 7);
    CHECK(v.failures[1].exit_reason == "device unreachable");
    REQUIRE(v.fail_counts.size() == 2);
    REQUIRE(v.bans.size() == 1);
    CHECK(v.bans[0].id == "cli-ban-grupo1-on-standby2");
    std::vector<std::string> codes;
    for (const auto& w : v.warnings)
        codes.push_back(w.code);
    CHECK(codes ==
          std::vector<std::string>{"fencing-disabled", "no-quorum-ignore", "offline-view"});
}

TEST_CASE("live membership overrides what the file recorded", "[status]") {
    auto l = load("seed-running.xml");
    status::Membership m;
    m.dc = "standby1";
    m.quorate = false;
    m.members = {{"cluster1", "1", false}, {"standby1", "2", true}, {"standby2", "3", true}};
    auto v = status::build_view(l.cib, m, "yesterday");
    CHECK(v.dc == "standby1");
    CHECK(!v.nodes[0].online);
    // cluster1 left: what it ran is no longer shown as running.
    CHECK(status::active_nodes(v, "grupo1").empty());
    std::string text = status::render_text(v, {});
    CHECK_THAT(text,
               Catch::Contains(
                   "Current DC: standby1 (version 2.1.5-a3f44794f94) - partition WITHOUT quorum"));
    CHECK_THAT(text, Catch::Contains("  * OFFLINE: [ cluster1 ]"));
    CHECK_THAT(text, Catch::Contains("  * Last change:  yesterday"));
    CHECK_THAT(text, !Catch::Contains("Offline view"));
}

TEST_CASE("text follows the crm_mon layout", "[status]") {
    auto l = load("seed-running.xml");
    auto v = status::build_view(l.cib, status::membership_from_cib(l.cib),
                                status::describe_last_change(l.doc));
    std::string text = status::render_text(v, {});
    CHECK_THAT(text, Catch::StartsWith("Cluster name: debian\n"));
    CHECK_THAT(text, Catch::Contains("WARNINGS:\nfencing is disabled"));
    CHECK_THAT(text, Catch::Contains("  * 5 resource instances configured\n"));
    CHECK_THAT(text, Catch::Contains("  * Online: [ cluster1 standby1 standby2 ]\n"));
    CHECK_THAT(
        text,
        Catch::Contains(
            "  * Clone Set: fencing [st-null]:\n    * Started: [ cluster1 standby1 standby2 ]\n"));
    CHECK_THAT(text, Catch::Contains("  * Resource Group: grupo1:\n    * "
                                     "IPVirtual_1\t(ocf:heartbeat:IPaddr2):\t Started cluster1\n"));
    CHECK_THAT(text, !Catch::Contains("Failed Resource Actions"));
    status::TextOptions only;
    only.resources_only = true;
    CHECK_THAT(status::render_text(v, only), Catch::StartsWith("  * Clone Set: fencing"));
}

TEST_CASE("the XML form carries the version and the same facts", "[status]") {
    auto l = load("seed-degraded.xml");
    auto v = status::build_view(l.cib, status::membership_from_cib(l.cib));
    xml::Node x = status::render_xml(v);
    CHECK(x.name == "vigil-status");
    CHECK(x.attr("version") == "1");
    CHECK(x.first_child("summary")->attr("quorum") == "true");
    CHECK(x.first_child("summary")->attr("source") == "file");
    CHECK(x.first_child("failures")->children_named("failure").size() == 2);
    CHECK(x.first_child("bans")->children_named("ban")[0]->attr("score") == "-INFINITY");
    auto nodes = x.first_child("nodes")->children_named("node");
    CHECK(nodes[1]->attr("standby") == "true");
    CHECK(nodes[2]->attr("online") == "false");
}

TEST_CASE("rc and status names", "[status]") {
    CHECK(status::rc_text(7) == "not running");
    CHECK(status::op_status_text(2) == "Timed Out");
}
