#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

using namespace crm;

namespace {

// The seed's configuration with all three directors online and the given
// status entries for cluster1.
cib::Cib seed_with_cluster1_history(const std::string& lrm) {
    auto doc = xml::parse_file(std::string(VIGIL_SOURCE_DIR) + "/tests/data/cib/seed.xml");
    REQUIRE(doc.ok());
    std::string status = "<status>";
    for (const char* n : {"1:cluster1", "2:standby1", "3:standby2"}) {
        std::string id(n, 1), name(n + 2);
        status += "<node_state id=\"" + id + "\" uname=\"" + name +
                  "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">";
        if (name == "cluster1")
            status += "<lrm id=\"1\"><lrm_resources>" + lrm + "</lrm_resources></lrm>";
        status += "</node_state>";
    }
    status += "</status>";
    auto st = xml::parse(status);
    REQUIRE(st.ok());
    *doc->first_child("status") = *st;
    auto c = cib::unpack(*doc);
    REQUIRE(c.ok());
    return *c;
}

std::string op(const std::string& rsc, const std::string& task, int interval, int call) {
    std::ostringstream o;
    o << "<lrm_rsc_op id=\"" << rsc << "_" << task << "_" << interval << "\" operation=\"" << task
      << "\" interval=\"" << interval << "\" rc-code=\"0\" op-status=\"0\" call-id=\"" << call
      << "\" transition-key=\"1:1:0:x\"/>";
    return o.str();
}

const graph::Action* find(const graph::Graph& g, const std::string& rsc, const std::string& task,
                          std::int64_t interval) {
    for (const auto& a : g.actions)
        if (a.resource == rsc && a.task == task && a.interval_ms == interval)
            return &a;
    return nullptr;
}

bool ordered(const graph::Graph& g, int before, int after) {
    for (const auto& e : g.edges)
        if (e.before == before && e.after == after)
            return true;
    return false;
}

}  // namespace

TEST_CASE("a started resource gets its recurring monitor, after the start", "[scheduler]") {
    cib::Cib c = seed_with_cluster1_history("");
    auto t = scheduler::schedule(c, {});
    REQUIRE(t.ok());
    const graph::Action* start = find(t->graph, "IPVirtual_1", "start", 0);
    const graph::Action* mon = find(t->graph, "IPVirtual_1", "monitor", 30000);
    REQUIRE(start);
    REQUIRE(mon);
    CHECK(mon->node == "cluster1");
    CHECK_FALSE(mon->optional);
    CHECK(ordered(t->graph, start->id, mon->id));
}

TEST_CASE("a running resource with a live monitor gets no new one", "[scheduler]") {
    std::string lrm;
    for (const char* r : {"IPVirtual_1", "IPVirtual_2"}) {
        lrm += std::string("<lrm_resource id=\"") + r +
               "\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">" + op(r, "start", 0, 5) +
               op(r, "monitor", 30000, 6) + "</lrm_resource>";
    }
    cib::Cib c = seed_with_cluster1_history(lrm);
    auto t = scheduler::schedule(c, {});
    REQUIRE(t.ok());
    CHECK(find(t->graph, "IPVirtual_1", "monitor", 30000) == nullptr);
    // Without the monitor in the history (say it was just configured), one is scheduled.
    std::string no_monitor;
    for (const char* r : {"IPVirtual_1", "IPVirtual_2"}) {
        no_monitor += std::string("<lrm_resource id=\"") + r +
                      "\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">" +
                      op(r, "start", 0, 5) + "</lrm_resource>";
    }
    auto t2 = scheduler::schedule(seed_with_cluster1_history(no_monitor), {});
    REQUIRE(t2.ok());
    const graph::Action* mon = find(t2->graph, "IPVirtual_1", "monitor", 30000);
    REQUIRE(mon);
    CHECK(mon->node == "cluster1");
}
