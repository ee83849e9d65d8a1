#include <catch2/catch.hpp>

#include "crm/cib/cib.h"
#include "crm/edit/constraint_edit.h"
#include "crm/edit/property_edit.h"
#include "crm/edit/resource_edit.h"
#include "crm/edit/status_edit.h"

namespace edit = crm::edit;
namespace xml = crm::xml;

namespace {

xml::Node two_resources() {
    xml::Node cib = edit::empty_cib({"cluster1", "standby1"});
    for (const char* id : {"A", "B"}) {
        edit::PrimitiveSpec s;
        s.id = id;
        s.agent = "ocf:pacemaker:Dummy";
        cib = *edit::create_primitive(cib, s);
    }
    return cib;
}

const xml::Node* constraint(const xml::Node& cib, const std::string& id) {
    const xml::Node* c = edit::find_section(cib, "constraints");
    return c ? c->find_by_id(id) : nullptr;
}

}  // namespace

TEST_CASE("location prefers/avoids use pcs ids and scores", "[edit]") {
    auto cib =
        edit::location_prefers(two_resources(), "A", {{"cluster1", ""}, {"standby1", "50"}}, false);
    REQUIRE(cib.ok());
    REQUIRE(constraint(*cib, "location-A-cluster1-INFINITY"));
    CHECK(constraint(*cib, "location-A-standby1-50")->attr("score") == "50");
    auto avoid = edit::location_prefers(*cib, "A", {{"standby1", "50"}}, true);
    REQUIRE(avoid.ok());
    // The later preference for the same node replaces the earlier one.
    CHECK(!constraint(*avoid, "location-A-standby1-50"));
    CHECK(constraint(*avoid, "location-A-standby1--50")->attr("score") == "-50");
    auto bad = edit::location_prefers(*cib, "A", {{"cluster1", "fifty"}}, false);
    REQUIRE(!bad.ok());
    CHECK_THAT(bad.error(), Catch::StartsWith("score 'fifty' is not a number or INFINITY"));
    auto typo = edit::location_prefers(*cib, "A", {{"standbi1", ""}}, false);
    CHECK_THAT(typo.error(), Catch::Contains("did you mean 'standby1'"));
}

TEST_CASE("order and colocation", "[edit]") {
    edit::OrderSpec o;
    o.first = "A";
    o.then = "B";
    auto cib = edit::order_add(two_resources(), o);
    REQUIRE(cib.ok());
    const xml::Node* ord = constraint(*cib, "order-A-B-mandatory");
    REQUIRE(ord);
    CHECK(ord->attr("first-action") == "start");
    CHECK(ord->attr("then-action") == "start");
    o.kind = "optional";
    o.symmetrical = "no";
    cib = edit::order_add(*cib, o);
    REQUIRE(cib.ok());
    CHECK(constraint(*cib, "order-A-B-Optional")->attr("symmetrical") == "false");
    o.first_action = "boot";
    CHECK(!edit::order_add(*cib, o).ok());

    edit::ColocationSpec c;
    c.rsc = "A";
    c.with_rsc = "B";
    auto col = edit::colocation_add(*cib, c);
    REQUIRE(col.ok());
    CHECK(constraint(*col, "colocation-A-B-INFINITY")->attr("with-rsc") == "B");
    c.rsc_role = "promoted";
    c.score = "-100";
    col = edit::colocation_add(*col, c);
    REQUIRE(col.ok());
    CHECK(constraint(*col, "colocation-A-B--100")->attr("rsc-role") == "Promoted");

    auto del = edit::constraint_delete(*col, "colocation-A-B-INFINITY");
    REQUIRE(del.ok());
    CHECK(!constraint(*del, "colocation-A-B-INFINITY"));
    CHECK(edit::is_not_found(edit::constraint_delete(*del, "nope").error()));
    CHECK(crm::cib::unpack(*del).ok());
}

TEST_CASE("move, ban and clear manage cli- constraints", "[edit]") {
    auto cib = edit::move(two_resources(), "A", "standby1");
    REQUIRE(cib.ok());
    const xml::Node* prefer = constraint(*cib, "cli-prefer-A");
    REQUIRE(prefer);
    CHECK(prefer->attr("score") == "INFINITY");
    CHECK(prefer->attr("role") == "Started");
    cib = edit::move(*cib, "A", "cluster1");  // replaces the earlier move
    REQUIRE(cib.ok());
    CHECK(constraint(*cib, "cli-prefer-A")->attr("node") == "cluster1");
    cib = edit::ban(*cib, "A", "standby1");
    REQUIRE(cib.ok());
    CHECK(constraint(*cib, "cli-ban-A-on-standby1")->attr("score") == "-INFINITY");
    int removed = 0;
    auto only_node = edit::clear(*cib, "A", "standby1", &removed);
    REQUIRE(only_node.ok());
    CHECK(removed == 1);
    CHECK(constraint(*only_node, "cli-prefer-A"));
    auto all = edit::clear(*cib, "A", "", &removed);
    CHECK(removed == 2);
    CHECK(edit::find_section(*all, "constraints")->children.empty());
    CHECK(!edit::ban(*cib, "A", "nowhere").ok());
}

TEST_CASE("properties are checked by type and unknown names need force", "[edit]") {
    xml::Node base = edit::empty_cib({"n1"});
    auto cib =
        edit::property_set(base, {{"stonith-enabled", "false"}, {"no-quorum-policy", "ignore"}});
    REQUIRE(cib.ok());
    const xml::Node* set =
        edit::find_section(*cib, "crm_config")->first_child("cluster_property_set");
    CHECK(set->attr("id") == "cib-bootstrap-options");
    CHECK(set->children_named("nvpair")[0]->attr("id") == "cib-bootstrap-options-stonith-enabled");
    CHECK_THAT(edit::property_set(base, {{"stonith-enbled", "false"}}).error(),
               Catch::Contains("did you mean 'stonith-enabled'"));
    CHECK(edit::property_set(base, {{"my-own", "x"}}, true).ok());
    CHECK(!edit::property_set(base, {{"batch-limit", "many"}}).ok());
    CHECK(!edit::property_set(base, {{"cluster-recheck-interval", "soon"}}).ok());
    auto unset = edit::property_unset(*cib, {"stonith-enabled"});
    REQUIRE(unset.ok());
    CHECK(edit::find_section(*unset, "crm_config")
              ->first_child("cluster_property_set")
              ->children.size() == 1);
    CHECK(edit::is_not_found(edit::property_unset(*unset, {"stonith-enabled"}).error()));
}

TEST_CASE("defaults, node attributes and epoch", "[edit]") {
    xml::Node base = edit::empty_cib({"n1", "n2"});
    auto cib = edit::rsc_defaults_update(base, {{"resource-stickiness", "100"}});
    REQUIRE(cib.ok());
    CHECK(cib->find_by_id("build-resource-defaults-resource-stickiness"));
    CHECK(!edit::rsc_defaults_update(base, {{"resource-stickiness", "sticky"}}).ok());
    auto standby = edit::node_attribute(*cib, {}, "standby", "on");
    REQUIRE(standby.ok());
    CHECK(standby->find_by_id("nodes-1-standby"));
    CHECK(standby->find_by_id("nodes-2-standby"));
    auto back = edit::node_attribute(*standby, {"n2"}, "standby", "");
    CHECK(!back->find_by_id("nodes-2-standby"));
    CHECK(back->find_by_id("nodes-1-standby"));
    CHECK(edit::is_not_found(edit::node_attribute(*cib, {"n9"}, "standby", "on").error()));
    // Members the CIB does not list yet are added before taking the attribute.
    auto joined = edit::node_attribute(edit::empty_cib(), {"n7"}, "standby", "on", {{"7", "n7"}});
    REQUIRE(joined.ok());
    CHECK(joined->find_by_id("nodes-7-standby"));
    CHECK(edit::find_section(*joined, "nodes")->children_named("node")[0]->attr("uname") == "n7");
    xml::Node bumped = edit::bump_epoch(base);
    CHECK(bumped.attr("epoch") == "2");
    CHECK(bumped.attr("num_updates") == "0");
}

TEST_CASE("cleanup drops history and fail counts of one resource", "[edit]") {
    auto doc = xml::parse_file(std::string(VIGIL_SOURCE_DIR) + "/tests/cli/data/seed-degraded.xml");
    REQUIRE(doc.ok());
    REQUIRE(edit::fail_counts(*doc, "").size() == 2);
    int removed = 0;
    auto cib = edit::cleanup(*doc, "IPVirtual_2", "", &removed);
    REQUIRE(cib.ok());
    // Its history on the three nodes, plus fail-count and last-failure on cluster1.
    CHECK(removed == 5);
    auto left = edit::fail_counts(*cib, "");
    REQUIRE(left.size() == 1);
    CHECK(left[0].resource == "st-null");
    CHECK(edit::is_not_found(edit::cleanup(*doc, "IPVirtual_2", "nodeX").error()));
}
