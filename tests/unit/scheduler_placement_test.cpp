// Scheduler placement on small hand-written CIBs: each case checks one
// scoring rule (location, stickiness, load balancing, groups, clones,
// failure bans, standby) through the canonical output lines.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

namespace {

// A CIB with nodes n1..n3 (all online unless listed in `offline`), the
// given resources/constraints XML and per-node lrm/transient XML.
std::string cib(const std::string& resources, const std::string& constraints = "",
                const std::vector<std::string>& node_status = {"", "", ""},
                const std::string& options = "",
                const std::vector<std::string>& node_attrs = {"", "", ""}) {
    std::string x =
        "<cib crm_feature_set='3.16.2' validate-with='pacemaker-3.9' epoch='1' num_updates='0' "
        "admin_epoch='0' have-quorum='1'><configuration><crm_config><cluster_property_set id='o'>"
        "<nvpair id='o1' name='stonith-enabled' value='false'/>" +
        options + "</cluster_property_set></crm_config><nodes>";
    for (int i = 1; i <= 3; ++i)
        x += "<node id='" + std::to_string(i) + "' uname='n" + std::to_string(i) + "'>" +
             node_attrs[i - 1] + "</node>";
    x += "</nodes><resources>" + resources + "</resources><constraints>" + constraints +
         "</constraints></configuration><status>";
    for (int i = 1; i <= 3; ++i)
        x += "<node_state id='" + std::to_string(i) + "' uname='n" + std::to_string(i) +
             "' in_ccm='true' crmd='online' join='member' expected='member'>" + node_status[i - 1] +
             "</node_state>";
    return x + "</status></cib>";
}

std::string dummy(const std::string& id, const std::string& meta = "") {
    return "<primitive id='" + id + "' class='ocf' provider='pacemaker' type='Dummy'>" +
           (meta.empty() ? ""
                         : "<meta_attributes id='" + id + "-m'>" + meta + "</meta_attributes>") +
           "</primitive>";
}

std::string nv(const std::string& name, const std::string& value) {
    return "<nvpair id='" + name + "-" + value + "' name='" + name + "' value='" + value + "'/>";
}

// lrm history: rsc started (call 2) and optionally a failed monitor (call 3).
std::string running(const std::string& id, bool failed_monitor = false) {
    std::string x =
        "<lrm_resource id='" + id + "' class='ocf' provider='pacemaker' type='Dummy'>" +
        "<lrm_rsc_op id='" + id + "_last_0' operation='start' operation_key='" + id +
        "_start_0' transition-key='1:1:0:x' rc-code='0' op-status='0' call-id='2' interval='0'/>";
    if (failed_monitor)
        x += "<lrm_rsc_op id='" + id + "_last_failure_0' operation='monitor' operation_key='" + id +
             "_monitor_10000' transition-key='2:1:0:x' rc-code='1' op-status='0' call-id='3' "
             "interval='10000'/>";
    return x + "</lrm_resource>";
}

std::string lrm(const std::string& resources, const std::string& transient = "") {
    std::string x;
    if (!transient.empty())
        x += "<transient_attributes id='t'><instance_attributes id='ta'>" + transient +
             "</instance_attributes></transient_attributes>";
    return x + "<lrm id='l'><lrm_resources>" + resources + "</lrm_resources></lrm>";
}

std::vector<std::string> run(const std::string& text) {
    auto doc = crm::xml::parse(text);
    REQUIRE(doc.ok());
    auto c = crm::cib::unpack(*doc);
    REQUIRE(c.ok());
    auto t = crm::scheduler::schedule(*c, crm::scheduler::Options{});
    if (!t.ok())
        FAIL(t.error());
    return crm::scheduler::canonical_lines(*t);
}

bool has(const std::vector<std::string>& lines, const std::string& line) {
    for (const auto& l : lines)
        if (l == line)
            return true;
    return false;
}

}  // namespace

TEST_CASE("location score picks the node", "[scheduler]") {
    auto out = run(cib(dummy("r"), "<rsc_location id='l' rsc='r' node='n2' score='50'/>"));
    CHECK(has(out, "placement r n2 Started"));
    CHECK(has(out, "action start r n2"));
}

TEST_CASE("resources without preferences spread over the nodes", "[scheduler]") {
    auto out = run(cib(dummy("a") + dummy("b") + dummy("c")));
    CHECK(has(out, "placement a n1 Started"));
    CHECK(has(out, "placement b n2 Started"));
    CHECK(has(out, "placement c n3 Started"));
}

TEST_CASE("stickiness keeps a running resource against a weaker preference", "[scheduler]") {
    std::string loc = "<rsc_location id='l' rsc='r' node='n2' score='50'/>";
    auto sticky =
        run(cib(dummy("r", nv("resource-stickiness", "100")), loc, {lrm(running("r")), "", ""}));
    CHECK(has(sticky, "placement r n1 Started"));
    CHECK(sticky.size() == 1);  // nothing to do
    auto loose =
        run(cib(dummy("r", nv("resource-stickiness", "10")), loc, {lrm(running("r")), "", ""}));
    CHECK(has(loose, "action move r n1->n2"));
}

TEST_CASE("opt-in cluster runs a resource only where allowed", "[scheduler]") {
    auto out =
        run(cib(dummy("r") + dummy("s"), "<rsc_location id='l' rsc='r' node='n3' score='0'/>",
                {"", "", ""}, nv("symmetric-cluster", "false")));
    CHECK(has(out, "placement r n3 Started"));
    for (const auto& l : out)
        CHECK(l.find(" s ") == std::string::npos);
}

TEST_CASE("group members run together, in order, and restart after a failed member",
          "[scheduler]") {
    std::string g = "<group id='g'>" + dummy("g1") + dummy("g2") + dummy("g3") + "</group>";
    auto out = run(cib(g, "<rsc_location id='l' rsc='g3' node='n2' score='10'/>"));
    CHECK(has(out, "placement g1 n2 Started"));
    CHECK(has(out, "placement g2 n2 Started"));
    CHECK(has(out, "placement g3 n2 Started"));
    auto failed =
        run(cib(g, "", {lrm(running("g1") + running("g2", true) + running("g3")), "", ""}));
    CHECK(has(failed, "action recover g2 n1"));
    CHECK(has(failed, "action restart g3 n1"));
    CHECK(!has(failed, "action restart g1 n1"));
}

TEST_CASE("migration-threshold bans the node after enough failures", "[scheduler]") {
    std::string r = dummy("r", nv("migration-threshold", "2"));
    auto below =
        run(cib(r, "", {lrm(running("r", true), nv("fail-count-r#monitor_10000", "1")), "", ""}));
    CHECK(has(below, "action recover r n1"));
    auto reached =
        run(cib(r, "", {lrm(running("r", true), nv("fail-count-r#monitor_10000", "2")), "", ""}));
    CHECK(has(reached, "action recover r n1->n2"));
}

TEST_CASE("standby node gives up its resources", "[scheduler]") {
    auto out =
        run(cib(dummy("r"), "", {lrm(running("r")), "", ""}, "",
                {"<instance_attributes id='na'>" + nv("standby", "on") + "</instance_attributes>",
                 "", ""}));
    CHECK(has(out, "action move r n1->n2"));
}

TEST_CASE("anonymous clone honours clone-max and keeps running instances", "[scheduler]") {
    std::string c = "<clone id='c'>" + dummy("p") + "<meta_attributes id='cm'>" +
                    nv("clone-max", "2") + "</meta_attributes></clone>";
    auto out = run(cib(c, "", {"", "", lrm(running("p"))}));
    CHECK(has(out, "placement c:p n3 Started"));
    CHECK(has(out, "placement c:p n1 Started"));
    CHECK(has(out, "action start c:p n1"));
    int placements = 0;
    for (const auto& l : out)
        placements += l.rfind("placement", 0) == 0;
    CHECK(placements == 2);
}

TEST_CASE("mandatory order: a blocked first blocks the then", "[scheduler]") {
    auto out = run(cib(dummy("a", nv("target-role", "Stopped")) + dummy("b"),
                       "<rsc_order id='o' first='a' then='b'/>"));
    CHECK(has(out, "action start b n1 blocked"));
}

TEST_CASE("colocation with -INFINITY keeps resources apart", "[scheduler]") {
    auto out = run(cib(dummy("a") + dummy("b"),
                       "<rsc_location id='l1' rsc='a' node='n2' score='100'/>"
                       "<rsc_location id='l2' rsc='b' node='n2' score='50'/>"
                       "<rsc_colocation id='c' rsc='b' with-rsc='a' score='-INFINITY'/>"));
    CHECK(has(out, "placement a n2 Started"));
    CHECK(!has(out, "placement b n2 Started"));
}

TEST_CASE("unsupported constructs are refused by name", "[scheduler]") {
    auto doc = crm::xml::parse(cib(dummy("r"), "", {"", "", ""}, nv("shutdown-lock", "true")));
    REQUIRE(doc.ok());
    auto c = crm::cib::unpack(*doc);
    REQUIRE(c.ok());
    auto t = crm::scheduler::schedule(*c, crm::scheduler::Options{});
    REQUIRE(!t.ok());
    CHECK(t.error().find("shutdown-lock") != std::string::npos);
}
