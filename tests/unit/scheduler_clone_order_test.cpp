// Orderings after a clone: a primitive ordered after a clone ("order
// Mandatory: cl-storage web") starts only once every instance the
// transition starts has started. The web cluster's containers started
// beside the Gluster mount they serve from (the clone's "running" pseudo
// action was optional and left the graph with its edges).
#include <catch2/catch.hpp>

#include <string>

#include "crm/cib/cib.h"
#include "crm/graph/executor.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"
#include "scheduler_lines.h"

using namespace crm;

namespace {

// Three online nodes, nothing run yet; a clone of "store" and primitive
// "web" ordered after it.
cib::Cib clone_then_primitive() {
    std::string x =
        "<cib crm_feature_set='3.16.2' validate-with='pacemaker-3.9' epoch='1' num_updates='0' "
        "admin_epoch='0' have-quorum='1'><configuration><crm_config><cluster_property_set "
        "id='o'><nvpair id='o1' name='stonith-enabled' value='false'/></cluster_property_set>"
        "</crm_config><nodes>";
    for (int i = 1; i <= 3; ++i)
        x += "<node id='" + std::to_string(i) + "' uname='n" + std::to_string(i) + "'/>";
    x += "</nodes><resources><clone id='cl-store'>" + dummy_xml("store") + "</clone>" +
         dummy_xml("web") +
         "</resources><constraints><rsc_order id='store-then-web' kind='Mandatory' "
         "first='cl-store' then='web'/></constraints></configuration><status>";
    for (int i = 1; i <= 3; ++i)
        x += "<node_state id='" + std::to_string(i) + "' uname='n" + std::to_string(i) +
             "' in_ccm='true' crmd='online' join='member' expected='member'/>";
    x += "</status></cib>";
    auto doc = xml::parse(x);
    REQUIRE(doc.ok());
    auto c = cib::unpack(*doc);
    REQUIRE(c.ok());
    return *c;
}

bool is_store(const graph::Action& a) {
    return a.resource.rfind("store", 0) == 0;
}

}  // namespace

TEST_CASE("a primitive ordered after a clone starts after every instance started",
          "[scheduler][clone][order]") {
    for (bool probes : {false, true}) {
        CAPTURE(probes);
        scheduler::Options o;
        o.probes = probes;
        auto t = scheduler::schedule(clone_then_primitive(), o);
        REQUIRE(t.ok());
        const graph::Graph& g = t->graph;
        int store_starts = 0;
        for (const auto* a : g.executable())
            if (is_store(*a) && a->task == "start")
                ++store_starts;
        REQUIRE(store_starts == 3);

        // Run the graph as the daemon does: each round hands out what is
        // ready, then every action of the round succeeds. web's start must
        // not be handed out before the rounds that completed all three
        // instance starts.
        graph::Executor ex(g);
        int started = 0;
        bool web_started = false;
        for (int round = 0; round < 100 && !ex.done(); ++round) {
            const auto ready = ex.next();
            for (int id : ready) {
                const graph::Action& a = g.actions[id];
                if (a.resource == "web" && a.task == "start") {
                    CHECK(started == store_starts);
                    web_started = true;
                }
            }
            for (int id : ready) {
                if (is_store(g.actions[id]) && g.actions[id].task == "start")
                    ++started;
                ex.complete(id, true);
            }
        }
        CHECK(web_started);
        CHECK(ex.done());
    }
}
