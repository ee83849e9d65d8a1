#include <catch2/catch.hpp>

#include <filesystem>

#include "crm/cib/cib.h"
#include "crm/xml/xml_node.h"

namespace fs = std::filesystem;
using namespace crm;

namespace {

cib::Cib unpack_text(const std::string& text) {
    auto doc = xml::parse(text);
    REQUIRE(doc.ok());
    auto c = cib::unpack(*doc);
    if (!c.ok())
        FAIL(c.error());
    return std::move(*c);
}

const char* kSeed = R"(<cib admin_epoch="0" epoch="7" num_updates="3" validate-with="pacemaker-3.7">
 <configuration>
  <crm_config><cluster_property_set id="cib-bootstrap-options">
    <nvpair id="o1" name="stonith-enabled" value="false"/>
    <nvpair id="o2" name="no-quorum-policy" value="ignore"/>
  </cluster_property_set></crm_config>
  <nodes><node id="1" uname="cluster1"/><node id="2" uname="standby1">
    <instance_attributes id="n2"><nvpair id="n2s" name="standby" value="on"/></instance_attributes>
  </node></nodes>
  <resources>
   <group id="grupo1">
    <primitive id="IPVirtual_1" class="ocf" provider="heartbeat" type="IPaddr2">
     <instance_attributes id="i1"><nvpair id="i1a" name="ip" value="192.168.1.200"/></instance_attributes>
     <operations>
      <op id="m1" name="monitor" interval="30s" timeout="20s" on-fail="restart">
       <instance_attributes id="m1i"><nvpair id="m1l" name="OCF_CHECK_LEVEL" value="10"/></instance_attributes>
      </op>
     </operations>
    </primitive>
    <primitive id="IPVirtual_2" class="ocf" provider="heartbeat" type="IPaddr2"/>
   </group>
   <clone id="fencing"><meta_attributes id="fm"><nvpair id="fm1" name="clone-max" value="3"/></meta_attributes>
    <primitive id="st-null" class="stonith" type="null"/></clone>
  </resources>
  <constraints>
   <rsc_location id="pref-cluster1" rsc="grupo1" node="cluster1" score="50"/>
   <rsc_location id="r" rsc="grupo1"><rule id="r1" score="-INFINITY"><expression id="e" attribute="#uname" operation="eq" value="x"/></rule></rsc_location>
   <rsc_order id="orden1" kind="Mandatory" first="IPVirtual_1" first-action="start" then="IPVirtual_2" then-action="start"/>
   <rsc_colocation id="c" rsc="a" with-rsc="b" score="INFINITY"/>
   <rsc_ticket id="t" rsc="a" ticket="T"/>
  </constraints>
 </configuration>
 <status>
  <node_state id="1" uname="cluster1" in_ccm="true" crmd="online" join="member" expected="member">
   <lrm id="1"><lrm_resources>
    <lrm_resource id="IPVirtual_1" class="ocf" provider="heartbeat" type="IPaddr2">
     <lrm_rsc_op id="IPVirtual_1_last_0" operation="start" operation_key="IPVirtual_1_start_0" interval="0" rc-code="0" op-status="0" call-id="5" last-rc-change="1700000000"/>
     <lrm_rsc_op id="IPVirtual_1_monitor_30000" operation="monitor" interval="30000" transition-magic="0:7;1:2:0:abc" call-id="6"/>
    </lrm_resource>
   </lrm_resources></lrm>
   <transient_attributes id="1"><instance_attributes id="s1">
     <nvpair id="f" name="fail-count-IPVirtual_1#monitor_30000" value="2"/>
   </instance_attributes></transient_attributes>
  </node_state>
 </status>
</cib>)";

}  // namespace

TEST_CASE("unpack builds the typed view of the seed's configuration", "[cib]") {
    cib::Cib c = unpack_text(kSeed);
    CHECK(c.version.to_string() == "0.7.3");
    CHECK(cib::property(c, "no-quorum-policy") == "ignore");
    CHECK(cib::property(c, "fencing-enabled") == "false");  // alias of stonith-enabled
    REQUIRE(c.configuration.nodes.size() == 2);
    CHECK(cib::lookup(c.configuration.nodes[1].instance_attributes, "standby") == "on");
    REQUIRE(c.configuration.resources.size() == 2);
    const auto& g = std::get<cib::Group>(c.configuration.resources[0]);
    REQUIRE(g.members.size() == 2);
    const cib::Operation& mon = g.members[0].operations.at(0);
    CHECK(mon.interval_ms == 30000);
    CHECK(mon.timeout_ms == 20000);
    CHECK(mon.check_level == 10);
    CHECK(g.members[0].agent() == "ocf:heartbeat:IPaddr2");
    const auto& clone = std::get<cib::Clone>(c.configuration.resources[1]);
    CHECK(clone.child_id() == "st-null");
    CHECK(std::get<cib::Primitive>(clone.child).is_stonith());
    CHECK_FALSE(clone.promotable());
    CHECK(c.find_primitive("IPVirtual_2") != nullptr);
    CHECK(c.has_resource("grupo1"));
    CHECK_FALSE(c.has_resource("nope"));
    REQUIRE(c.configuration.locations.size() == 2);
    CHECK(c.configuration.locations[0].score_value == Score(50));
    CHECK(c.configuration.locations[1].rules.at(0).expressions.at(0).attribute == "#uname");
    CHECK(c.configuration.orders.at(0).first_action == "start");
    CHECK(c.configuration.colocations.at(0).score_value == Score::infinity());
    CHECK(c.configuration.unsupported == std::vector<std::string>{"rsc_ticket t"});
    const cib::NodeState* ns = c.status.find("cluster1");
    REQUIRE(ns);
    const auto& ops = ns->resources.at(0).ops;
    CHECK(ops.at(0).last_rc_change == 1700000000);
    CHECK(ops.at(1).rc_code == 7);  // from transition-magic
    CHECK(ops.at(1).interval_ms == 30000);
    CHECK(cib::lookup(ns->transient_attributes, "fail-count-IPVirtual_1#monitor_30000") == "2");
}

TEST_CASE("unpack refuses structurally broken CIBs with the element named", "[cib]") {
    auto fails_with = [](const std::string& resources, const std::string& needle) {
        std::string text =
            "<cib><configuration><resources>" + resources + "</resources></configuration></cib>";
        auto doc = xml::parse(text);
        REQUIRE(doc.ok());
        auto c = cib::unpack(*doc);
        REQUIRE_FALSE(c.ok());
        INFO(c.error());
        CHECK(c.error().find(needle) != std::string::npos);
    };
    fails_with(R"(<primitive id="a" class="ocf"/>)", "primitive id=\"a\"");
    fails_with(
        R"(<group id="g"><group id="h"><primitive id="a" class="ocf" type="x"/></group></group>)",
        "cannot be inside a group");
    fails_with(
        R"(<primitive id="a" class="ocf" type="x"><operations><op id="o" name="monitor" interval="often"/></operations></primitive>)",
        "interval 'often'");
    fails_with(R"(<clone id="c"/>)", "exactly one");
    auto doc = xml::parse("<cib/>");
    REQUIRE(doc.ok());
    CHECK_FALSE(cib::unpack(*doc).ok());
}

TEST_CASE("every CIB of the scheduler corpus reads, and writes back unchanged", "[cib][corpus]") {
    const fs::path root = fs::path(VIGIL_SHARED_DIR) / "conformance" / "scheduler";
    REQUIRE(fs::is_directory(root));
    int files = 0;
    for (const char* tier : {"tier1", "tier2", "tier3"}) {
        for (const auto& entry : fs::directory_iterator(root / tier)) {
            if (entry.path().extension() != ".xml")
                continue;
            ++files;
            INFO(entry.path().string());
            auto doc = xml::parse_file(entry.path().string());
            REQUIRE(doc.ok());
            auto c = cib::unpack(*doc);
            if (!c.ok())
                FAIL(c.error());
            // Writing the tree and reading it again gives the same tree.
            auto again = xml::parse(xml::to_string(*doc));
            REQUIRE(again.ok());
            CHECK(xml::canonical(*again) == xml::canonical(*doc));
        }
    }
    CHECK(files > 700);
}
