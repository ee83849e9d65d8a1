// A primitive active on two nodes (a healed split with no-quorum-policy
// ignore): stopped on both, started once where it belongs, and the stop
// there comes first. If the transition is aborted after one stop, the copy
// that stays must not be one that was never restarted: a VIP restarted is
// announced again, one merely left running is not (clients keep the MAC of
// the node that lost it).
#include <catch2/catch.hpp>

#include <string>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

using namespace crm;

namespace {

std::string started(const std::string& id, int call) {
    return "<lrm_resource id='" + id + "' class='ocf' provider='pacemaker' type='Dummy'>" +
           "<lrm_rsc_op id='" + id + "_last_0' operation='start' operation_key='" + id +
           "_start_0' transition-key='1:1:0:x' rc-code='0' op-status='0' call-id='" +
           std::to_string(call) + "' interval='0'/></lrm_resource>";
}

// "vip" runs on n1 and n2 and prefers `home`; vip2 is grouped after it.
cib::Cib active_on_both(const std::string& home) {
    std::string x =
        "<cib crm_feature_set='3.16.2' validate-with='pacemaker-3.9' epoch='1' num_updates='0' "
        "admin_epoch='0' have-quorum='1'><configuration><crm_config><cluster_property_set "
        "id='o'><nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
        "</crm_config><nodes><node id='1' uname='n1'/><node id='2' uname='n2'/></nodes>"
        "<resources><group id='g'>"
        "<primitive id='vip' class='ocf' provider='pacemaker' type='Dummy'/>"
        "<primitive id='vip2' class='ocf' provider='pacemaker' type='Dummy'/></group></resources>"
        "<constraints><rsc_location id='pref' rsc='g' node='" +
        home + "' score='50'/></constraints></configuration><status>";
    for (int i = 1; i <= 2; ++i) {
        const std::string n = std::to_string(i);
        x += "<node_state id='" + n + "' uname='n" + n +
             "' in_ccm='true' crmd='online' join='member' expected='member'><lrm id='" + n +
             "'><lrm_resources>" + started("vip", 1) + started("vip2", 2) +
             "</lrm_resources></lrm></node_state>";
    }
    x += "</status></cib>";
    auto doc = xml::parse(x);
    REQUIRE(doc.ok());
    auto c = cib::unpack(*doc);
    REQUIRE(c.ok());
    return *c;
}

int find(const graph::Graph& g, const std::string& rsc, const std::string& task,
         const std::string& node) {
    for (const auto& a : g.actions)
        if (a.resource == rsc && a.task == task && a.node == node && !a.optional && a.runnable)
            return a.id;
    return -1;
}

bool ordered(const graph::Graph& g, int before, int after) {
    for (const auto& e : g.edges)
        if (e.before == before && e.after == after)
            return true;
    return false;
}

}  // namespace

TEST_CASE("multiply active: the stop where it starts again comes before the other stops",
          "[scheduler][multiple-active]") {
    for (const std::string home : {"n1", "n2"}) {
        const std::string other = home == "n1" ? "n2" : "n1";
        auto t = scheduler::schedule(active_on_both(home), {});
        REQUIRE(t.ok());
        const auto& g = t->graph;
        for (const std::string rsc : {"vip", "vip2"}) {
            INFO(rsc << " at home " << home);
            const int keep = find(g, rsc, "stop", home);
            const int gone = find(g, rsc, "stop", other);
            const int start = find(g, rsc, "start", home);
            REQUIRE(keep >= 0);
            REQUIRE(gone >= 0);
            REQUIRE(start >= 0);
            CHECK(ordered(g, keep, gone));
            CHECK_FALSE(ordered(g, gone, keep));
            CHECK(ordered(g, keep, start));
            CHECK(ordered(g, gone, start));
            CHECK(find(g, rsc, "start", other) < 0);
        }
    }
}
