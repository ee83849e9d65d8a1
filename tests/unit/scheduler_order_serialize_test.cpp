// Order kind=Serialize: when both resources start, the 'then' starts after
// the 'first'; it neither requires nor blocks anything, and stops are not
// ordered. What crm_simulate (Pacemaker 2.1.5) puts in its transition graph
// for the same CIBs (-G): B_start_0 with A_start_0 as its only input when
// both start; no input on either stop when both stop.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crm/graph/executor.h"
#include "scheduler_lines.h"

namespace {

std::string cib(const std::string& a_meta, const std::string& status_node1) {
    auto meta = [](const std::string& id, const std::string& m) {
        if (m.empty())
            return dummy_xml(id);
        return "<primitive id=\"" + id +
               "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><meta_attributes id=\"" +
               id + "-m\">" + m + "</meta_attributes></primitive>";
    };
    return kCibHead + "<nodes><node id=\"1\" uname=\"node1\"/></nodes><resources>" +
           meta("A", a_meta) + dummy_xml("B") +
           "</resources><constraints><rsc_order id=\"ser\" first=\"A\" then=\"B\" "
           "kind=\"Serialize\"/></constraints></configuration><status><node_state id=\"1\" "
           "uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
           "expected=\"member\"><lrm id=\"1\"><lrm_resources>" +
           status_node1 + "</lrm_resources></lrm></node_state></status></cib>";
}

crm::graph::Graph graph_of(const std::string& text) {
    auto doc = crm::xml::parse(text);
    REQUIRE(doc.ok());
    auto c = crm::cib::unpack(*doc);
    REQUIRE(c.ok());
    crm::scheduler::Options o;
    auto t = crm::scheduler::schedule(*c, o);
    REQUIRE(t.ok());
    return t->graph;
}

// The executable actions released together, as "rsc_task" names, round by
// round when everything succeeds (probes left out).
std::vector<std::vector<std::string>> rounds(const crm::graph::Graph& g) {
    crm::graph::Executor ex(g);
    std::vector<std::vector<std::string>> out;
    for (auto ids = ex.next(); !ids.empty(); ids = ex.next()) {
        std::vector<std::string> names;
        for (int id : ids) {
            const auto& a = g.actions[id];
            if (!a.pseudo && !(a.task == "monitor"))
                names.push_back(a.resource + "_" + a.task);
            ex.complete(id, true);
        }
        if (!names.empty())
            out.push_back(names);
    }
    return out;
}

}  // namespace

TEST_CASE("serialize: the then starts after the first", "[scheduler]") {
    auto r = rounds(graph_of(cib("", "")));
    CHECK(r == std::vector<std::vector<std::string>>{{"A_start"}, {"B_start"}});
}

TEST_CASE("serialize: a first that stays stopped does not hold the then back", "[scheduler]") {
    auto text = cib("<nvpair id=\"A-m1\" name=\"target-role\" value=\"Stopped\"/>", "");
    CHECK(rounds(graph_of(text)) == std::vector<std::vector<std::string>>{{"B_start"}});
    CHECK(schedule_lines(text) ==
          std::vector<std::string>{"placement B node1 Started", "action start B node1"});
}

TEST_CASE("serialize: stops are not ordered", "[scheduler]") {
    std::string both = started_xml("A") + started_xml("B");
    auto text = cib("", both);
    // Both run and stay: nothing to do.
    CHECK(rounds(graph_of(text)).empty());
    // A stops, B stays: the order does not make B restart or stop.
    auto stop_a = cib("<nvpair id=\"A-m1\" name=\"target-role\" value=\"Stopped\"/>", both);
    CHECK(schedule_lines(stop_a) ==
          std::vector<std::string>{"placement B node1 Started", "action stop A node1"});
}
