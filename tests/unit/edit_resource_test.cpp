#include <catch2/catch.hpp>

#include "crm/cib/cib.h"
#include "crm/edit/property_edit.h"
#include "crm/edit/resource_edit.h"

namespace edit = crm::edit;
namespace xml = crm::xml;

namespace {

xml::Node three_nodes() {
    return edit::empty_cib({"cluster1", "standby1", "standby2"});
}

edit::PrimitiveSpec vip(const std::string& id, const std::string& ip) {
    edit::PrimitiveSpec s;
    s.id = id;
    s.agent = "ocf:heartbeat:IPaddr2";
    s.params = {{"ip", ip}, {"cidr_netmask", "24"}, {"nic", "enp0s3"}};
    s.ops = {{"monitor", {{"interval", "30s"}}}};
    s.default_ops = {{"start", {{"interval", "0s"}, {"timeout", "20s"}}},
                     {"stop", {{"interval", "0s"}, {"timeout", "20s"}}},
                     {"monitor", {{"interval", "10s"}, {"timeout", "20s"}}}};
    return s;
}

}  // namespace

TEST_CASE("create_primitive writes pcs ids, sorted params, user ops then defaults", "[edit]") {
    auto cib = edit::create_primitive(three_nodes(), vip("IPVirtual_1", "192.168.1.200"));
    REQUIRE(cib.ok());
    const xml::Node* p = edit::find_resource(*cib, "IPVirtual_1");
    REQUIRE(p);
    CHECK(p->attr("class") == "ocf");
    CHECK(p->attr("provider") == "heartbeat");
    CHECK(p->attr("type") == "IPaddr2");
    const xml::Node* inst = p->first_child("instance_attributes");
    REQUIRE(inst);
    CHECK(inst->attr("id") == "IPVirtual_1-instance_attributes");
    auto pairs = inst->children_named("nvpair");
    REQUIRE(pairs.size() == 3);
    CHECK(pairs[0]->attr("name") == "cidr_netmask");
    CHECK(pairs[0]->attr("id") == "IPVirtual_1-instance_attributes-cidr_netmask");
    CHECK(pairs[1]->attr("name") == "ip");
    auto ops = p->first_child("operations")->children_named("op");
    REQUIRE(ops.size() == 3);  // the default monitor is replaced by the user's
    CHECK(ops[0]->attr("id") == "IPVirtual_1-monitor-interval-30s");
    CHECK(!ops[0]->has_attr("timeout"));
    CHECK(ops[1]->attr("id") == "IPVirtual_1-start-interval-0s");
    CHECK(ops[1]->attr("timeout") == "20s");
    CHECK(ops[2]->attr("name") == "stop");
    // The result is a CIB Vigil can read back.
    CHECK(crm::cib::unpack(*cib).ok());
}

TEST_CASE("create_primitive refuses bad input and leaves the input alone", "[edit]") {
    xml::Node base = three_nodes();
    auto once = edit::create_primitive(base, vip("a", "1.1.1.1"));
    REQUIRE(once.ok());
    xml::Node snapshot = *once;
    auto dup = edit::create_primitive(*once, vip("a", "1.1.1.2"));
    REQUIRE(!dup.ok());
    CHECK_THAT(dup.error(), Catch::Contains("already used"));
    CHECK(*once == snapshot);

    auto bad_id = vip("3a", "1.1.1.1");
    CHECK_THAT(edit::create_primitive(base, bad_id).error(),
               Catch::Contains("must start with a letter"));
    auto bad_agent = vip("b", "1.1.1.1");
    bad_agent.agent = "ocf:IPaddr2";
    CHECK_THAT(edit::create_primitive(base, bad_agent).error(),
               Catch::Contains("names no provider"));
    auto bad_interval = vip("b", "1.1.1.1");
    bad_interval.ops = {{"monitor", {{"interval", "often"}}}};
    CHECK_THAT(edit::create_primitive(base, bad_interval).error(),
               Catch::Contains("not a duration"));
}

TEST_CASE("resource create with --group creates the group and --before/--after place members",
          "[edit]") {
    auto a = vip("A", "1.1.1.1");
    a.group = "g";
    auto cib = edit::create_primitive(three_nodes(), a);
    REQUIRE(cib.ok());
    auto c = vip("C", "1.1.1.3");
    c.group = "g";
    cib = edit::create_primitive(*cib, c);
    REQUIRE(cib.ok());
    auto b = vip("B", "1.1.1.2");
    b.group = "g";
    b.before = "C";
    cib = edit::create_primitive(*cib, b);
    REQUIRE(cib.ok());
    auto members = edit::find_resource(*cib, "g")->children_named("primitive");
    REQUIRE(members.size() == 3);
    CHECK(members[0]->attr("id") == "A");
    CHECK(members[1]->attr("id") == "B");
    CHECK(members[2]->attr("id") == "C");

    auto bad = edit::group_add(*cib, "g", {"A"}, "nope");
    REQUIRE(!bad.ok());
    CHECK(edit::is_not_found(bad.error()));
}

TEST_CASE("group remove dissolves an emptied group with its constraints", "[edit]") {
    auto cib = edit::create_primitive(three_nodes(), vip("A", "1.1.1.1"));
    cib = edit::create_primitive(*cib, vip("B", "1.1.1.2"));
    cib = edit::group_add(*cib, "g", {"A", "B"});
    REQUIRE(cib.ok());
    xml::Node loc("rsc_location");
    loc.set_attr("id", "l")
        .set_attr("rsc", "g")
        .set_attr("node", "cluster1")
        .set_attr("score", "5");
    edit::section(*cib, "constraints").add_child(loc);
    auto partial = edit::group_remove(*cib, "g", {"A"});
    REQUIRE(partial.ok());
    CHECK(edit::find_resource(*partial, "g"));
    auto all = edit::group_remove(*cib, "g", {});
    REQUIRE(all.ok());
    CHECK(!edit::find_resource(*all, "g"));
    CHECK(edit::find_resource(*all, "A"));
    CHECK(!all->find_by_id("l"));
}

TEST_CASE("delete_resource removes emptied containers and constraints", "[edit]") {
    auto cib = edit::create_primitive(three_nodes(), vip("A", "1.1.1.1"));
    cib = edit::clone_resource(*cib, "A", "", {{"clone-max", "2"}});
    REQUIRE(cib.ok());
    const xml::Node* clone = edit::find_resource(*cib, "A-clone");
    REQUIRE(clone);
    CHECK(clone->first_child("meta_attributes")->attr("id") == "A-clone-meta_attributes");
    auto gone = edit::delete_resource(*cib, "A");
    REQUIRE(gone.ok());
    CHECK(edit::resource_ids(*gone).empty());
    auto missing = edit::delete_resource(*cib, "B");
    REQUIRE(!missing.ok());
    CHECK(edit::is_not_found(missing.error()));
}

TEST_CASE("enable/disable toggle target-role", "[edit]") {
    auto cib = edit::create_primitive(three_nodes(), vip("A", "1.1.1.1"));
    auto off = edit::set_enabled(*cib, "A", false);
    REQUIRE(off.ok());
    const xml::Node* meta = edit::find_resource(*off, "A")->first_child("meta_attributes");
    REQUIRE(meta);
    CHECK(meta->attr("id") == "A-meta_attributes");
    CHECK(meta->children_named("nvpair")[0]->attr("value") == "Stopped");
    auto on = edit::set_enabled(*off, "A", true);
    REQUIRE(on.ok());
    CHECK(edit::find_resource(*on, "A")
              ->first_child("meta_attributes")
              ->children_named("nvpair")
              .empty());
}

TEST_CASE("update replaces ops of an action and params by name", "[edit]") {
    auto cib = edit::create_primitive(three_nodes(), vip("A", "1.1.1.1"));
    auto up = edit::update_resource(*cib, "A", {{"ip", "2.2.2.2"}, {"nic", ""}}, {},
                                    {{"monitor", {{"interval", "10s"}}}});
    REQUIRE(up.ok());
    const xml::Node* p = edit::find_resource(*up, "A");
    auto pairs = p->first_child("instance_attributes")->children_named("nvpair");
    REQUIRE(pairs.size() == 2);
    CHECK(pairs[1]->attr("value") == "2.2.2.2");
    int monitors = 0;
    for (const auto* op : p->first_child("operations")->children_named("op"))
        if (op->attr("name") == "monitor") {
            ++monitors;
            CHECK(op->attr("interval") == "10s");
        }
    CHECK(monitors == 1);
}

TEST_CASE("parse_agent understands the pcs spellings", "[edit]") {
    CHECK(edit::parse_agent("ocf:heartbeat:IPaddr2")->provider == "heartbeat");
    CHECK(edit::parse_agent("IPaddr2")->cls == "ocf");
    CHECK(edit::parse_agent("stonith:fence_xvm")->type == "fence_xvm");
    CHECK(!edit::parse_agent("stonith:x:y").ok());
    CHECK(!edit::parse_agent("bogus:x").ok());
}

TEST_CASE("did-you-mean picks the nearest id", "[edit]") {
    CHECK(edit::closest("IPVirtual_3", {"IPVirtual_1", "IPVirtual_2", "grupo1"}) == "IPVirtual_2");
    CHECK(edit::closest("zzz", {"IPVirtual_1"}).empty());
    CHECK(edit::not_found("resource", "x", {}).message == "no resource 'x' (there are none)");
}
