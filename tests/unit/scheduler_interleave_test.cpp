// Interleaved clones (interleave=true on the clone ordered or colocated
// second): each of its instances depends on the other clone's instance on
// its own node only. Every expectation below is what Pacemaker 2.1.5's
// crm_simulate -S printed for the same CIB (normalized to the corpus's
// canonical lines), and the non-interleaved controls show that the
// difference comes from interleave.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

using Lines = std::vector<std::string>;
using PerNode = std::map<std::string, Lines>;

// A Dummy's history on a node: started, optionally promoted, optionally
// with a failed recurring monitor (not running: it is recovered).
std::string history(const std::string& id, bool promoted, bool failed) {
    auto op = [&](const std::string& key, const std::string& op_name, int call,
                  const std::string& interval, int rc) {
        return "<lrm_rsc_op id=\"" + id + "_" + key + "\" operation_key=\"" + id + "_" + op_name +
               "_" + interval + "\" operation=\"" + op_name + "\" transition-key=\"" +
               std::to_string(call) + ":0:0:x\" transition-magic=\"0:" + std::to_string(rc) + ";" +
               std::to_string(call) + ":0:0:x\" rc-code=\"" + std::to_string(rc) +
               "\" op-status=\"0\" call-id=\"" + std::to_string(call) + "\" interval=\"" +
               interval + "\" last-rc-change=\"" + std::to_string(1000 + call) +
               "\" op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/>";
    };
    std::string s = "<lrm_resource id=\"" + id +
                    "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">" +
                    op("last_0", "start", 11, "0", 0);
    if (promoted)
        s += op("promote_0", "promote", 12, "0", 0);
    if (failed)
        s += op("last_failure_0", "monitor", 13, "10000", 7);
    return s + "</lrm_resource>";
}

bool listed(const PerNode& m, const std::string& node, const std::string& id) {
    auto it = m.find(node);
    return it != m.end() && std::find(it->second.begin(), it->second.end(), id) != it->second.end();
}

// Three online nodes, the given resources and constraints, and what runs
// where (promoted / failed: subsets of running).
std::string cib(const std::string& resources, const std::string& constraints,
                const PerNode& running = {}, const PerNode& failed = {},
                const PerNode& promoted = {}) {
    std::string s = kCibHead +
                    "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/>"
                    "<node id=\"3\" uname=\"node3\"/></nodes><resources>" +
                    resources + "</resources><constraints>" + constraints +
                    "</constraints></configuration><status>";
    for (int i = 1; i <= 3; ++i) {
        std::string n = "node" + std::to_string(i);
        s += "<node_state id=\"" + std::to_string(i) + "\" uname=\"" + n +
             "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"" +
             std::to_string(i) + "\"><lrm_resources>";
        if (auto it = running.find(n); it != running.end())
            for (const auto& id : it->second)
                s += history(id, listed(promoted, n, id), listed(failed, n, id));
        s += "</lrm_resources></lrm></node_state>";
    }
    return s + "</status></cib>";
}

std::string meta(const std::string& id, const std::map<std::string, std::string>& kv) {
    std::string s = "<meta_attributes id=\"" + id + "-m\">";
    for (const auto& [k, v] : kv)
        s += "<nvpair id=\"" + id + "-" + k + "\" name=\"" + k + "\" value=\"" + v + "\"/>";
    return s + "</meta_attributes>";
}

// Clone `id` of Dummy `child`, with meta attributes.
std::string clone(const std::string& id, const std::string& child,
                  const std::map<std::string, std::string>& kv = {}) {
    return "<clone id=\"" + id + "\">" + dummy_xml(child) + (kv.empty() ? "" : meta(id, kv)) +
           "</clone>";
}

const std::map<std::string, std::string> kInterleave = {{"interleave", "true"}};

Lines sorted(Lines v) {
    std::sort(v.begin(), v.end());
    return v;
}

Lines run(const std::string& cib_text) {
    return sorted(schedule_lines(cib_text));
}

const std::string kOrder = "<rsc_order id=\"ab\" first=\"a\" then=\"b\"/>";
const std::string kBanA1 =
    "<rsc_location id=\"ban-a\" rsc=\"a\" node=\"node1\" score=\"-INFINITY\"/>";
const PerNode kAllRun = {{"node1", {"ap", "bp"}}, {"node2", {"ap", "bp"}}, {"node3", {"ap", "bp"}}};

}  // namespace

TEST_CASE("interleave: a 'then' instance does not start where the 'first' clone has none",
          "[scheduler][interleave]") {
    // b's instance placed on node1 has no instance of a there: it is not
    // started at all (no blocked start either).
    auto out = run(cib(clone("a", "ap") + clone("b", "bp", kInterleave), kOrder + kBanA1));
    CHECK(out == sorted({"placement a:ap node2 Started", "placement a:ap node3 Started",
                         "placement b:bp node2 Started", "placement b:bp node3 Started",
                         "action start a:ap node2", "action start a:ap node3",
                         "action start b:bp node2", "action start b:bp node3"}));
    // Control: without interleave b waits for a as a whole and starts on
    // node1 too.
    auto control = run(cib(clone("a", "ap") + clone("b", "bp"), kOrder + kBanA1));
    CHECK(std::count(control.begin(), control.end(), "action start b:bp node1") == 1);
}

TEST_CASE("interleave: only one-way or optional orders let an unpaired instance start",
          "[scheduler][interleave]") {
    for (const char* attrs : {" symmetrical=\"false\"", " kind=\"Optional\""}) {
        auto out = run(cib(
            clone("a", "ap") + clone("b", "bp", kInterleave),
            std::string("<rsc_order id=\"ab\" first=\"a\" then=\"b\"") + attrs + "/>" + kBanA1));
        CHECK(std::count(out.begin(), out.end(), "action start b:bp node1") == 1);
    }
}

TEST_CASE("interleave: a recovering 'first' instance restarts the 'then' instance on its node",
          "[scheduler][interleave]") {
    const PerNode failed = {{"node2", {"ap"}}};
    auto out = run(cib(clone("a", "ap") + clone("b", "bp", kInterleave), kOrder, kAllRun, failed));
    Lines actions;
    std::copy_if(out.begin(), out.end(), std::back_inserter(actions),
                 [](const std::string& l) { return l.rfind("action", 0) == 0; });
    CHECK(actions == sorted({"action recover a:ap node2", "action restart b:bp node2"}));
    // Control: without interleave every instance of b restarts.
    auto control = run(cib(clone("a", "ap") + clone("b", "bp"), kOrder, kAllRun, failed));
    for (const char* n : {"node1", "node2", "node3"})
        CHECK(std::count(control.begin(), control.end(), std::string("action restart b:bp ") + n) ==
              1);
    // Interleave is read from the 'then' clone of a start order: on 'a'
    // it changes nothing.
    auto on_first =
        run(cib(clone("a", "ap", kInterleave) + clone("b", "bp"), kOrder, kAllRun, failed));
    CHECK(on_first == control);
}

TEST_CASE("interleave: a 'first' instance stopping stops only the 'then' instance on its node",
          "[scheduler][interleave]") {
    auto out = run(cib(clone("a", "ap") + clone("b", "bp", kInterleave), kOrder + kBanA1, kAllRun));
    CHECK(out == sorted({"placement a:ap node2 Started", "placement a:ap node3 Started",
                         "placement b:bp node2 Started", "placement b:bp node3 Started",
                         "action stop a:ap node1", "action stop b:bp node1"}));
}

TEST_CASE("interleave: clones of groups pair group instances", "[scheduler][interleave]") {
    std::string a = "<clone id=\"a\"><group id=\"ag\">" + dummy_xml("a1") + dummy_xml("a2") +
                    "</group></clone>";
    std::string b = "<clone id=\"b\"><group id=\"bg\">" + dummy_xml("b1") + dummy_xml("b2") +
                    "</group>" + meta("b", kInterleave) + "</clone>";
    Lines members = {"a1", "a2", "b1", "b2"};
    PerNode running = {{"node1", members}, {"node2", members}, {"node3", members}};
    auto out = run(cib(a + b, kOrder, running, {{"node2", {"a2"}}}));
    Lines actions;
    std::copy_if(out.begin(), out.end(), std::back_inserter(actions),
                 [](const std::string& l) { return l.rfind("action", 0) == 0; });
    CHECK(actions == sorted({"action recover a:a2 node2", "action restart b:b1 node2",
                             "action restart b:b2 node2"}));
}

TEST_CASE("interleave: a 'then' instance waits for the promotion on its node",
          "[scheduler][interleave]") {
    std::string a = clone("a", "ap", {{"promotable", "true"}});
    std::string b = clone("b", "bp", {{"promotable", "true"}, {"interleave", "true"}});
    std::string cons =
        "<rsc_order id=\"ab\" first=\"a\" first-action=\"promote\" then=\"b\" "
        "then-action=\"start\"/><rsc_location id=\"pa\" rsc=\"a\" node=\"node2\" score=\"100\" "
        "role=\"Promoted\"/><rsc_location id=\"pb\" rsc=\"b\" node=\"node2\" score=\"100\" "
        "role=\"Promoted\"/>";
    // The instances of b next to an instance of a that is not promoted
    // cannot start: they stop.
    auto out = run(cib(a + b, cons, kAllRun));
    CHECK(out == sorted({"placement a:ap node1 Unpromoted", "placement a:ap node2 Promoted",
                         "placement a:ap node3 Unpromoted", "placement b:bp node2 Promoted",
                         "action promote a:ap node2 role=Unpromoted->Promoted",
                         "action restart b:bp node2 role=Unpromoted->Promoted",
                         "action stop b:bp node1 role=Unpromoted",
                         "action stop b:bp node3 role=Unpromoted"}));
    // A fresh start, b not promotable: where a has no instance at all,
    // b's is not started; next to an unpromoted one its start is blocked.
    auto fresh = run(cib(a + clone("b", "bp", kInterleave),
                         "<rsc_order id=\"ab\" first=\"a\" first-action=\"promote\" then=\"b\" "
                         "then-action=\"start\"/><rsc_location id=\"pa\" rsc=\"a\" node=\"node2\" "
                         "score=\"100\" role=\"Promoted\"/>" +
                             kBanA1));
    CHECK(fresh ==
          sorted({"placement a:ap node2 Promoted", "placement a:ap node3 Unpromoted",
                  "placement b:bp node2 Started",
                  "action promote a:ap node2 role=Stopped->Promoted", "action start a:ap node3",
                  "action start b:bp node2", "action start b:bp node3 blocked"}));
}

TEST_CASE("interleave: a colocation against a clone avoids the partner instance's node only",
          "[scheduler][interleave]") {
    std::string a = clone("a", "ap", {{"clone-max", "2"}});
    std::string cons =
        "<rsc_colocation id=\"ba\" rsc=\"b\" with-rsc=\"a\" score=\"-INFINITY\"/>"
        "<rsc_location id=\"ban-a\" rsc=\"a\" node=\"node3\" score=\"-INFINITY\"/>";
    auto out = run(cib(a + clone("b", "bp", {{"clone-max", "2"}, {"interleave", "true"}}), cons));
    CHECK(out == sorted({"placement a:ap node1 Started", "placement a:ap node2 Started",
                         "placement b:bp node2 Started", "placement b:bp node3 Started",
                         "action start a:ap node1", "action start a:ap node2",
                         "action start b:bp node2", "action start b:bp node3"}));
    // Control: without interleave b stays off every node with a.
    auto control = run(cib(a + clone("b", "bp", {{"clone-max", "2"}}), cons));
    CHECK(control == sorted({"placement a:ap node1 Started", "placement a:ap node2 Started",
                             "placement b:bp node3 Started", "action start a:ap node1",
                             "action start a:ap node2", "action start b:bp node3"}));
}

TEST_CASE("interleave: a 'first' clone with clone-min is waited for as a whole",
          "[scheduler][interleave]") {
    // a keeps its minimum of 2 instances, so b waits for nothing more:
    // b's instance on node1, without a partner there, keeps running (the
    // order's inverse pairs instances, but a stopping does not take b's
    // instance down with it).
    auto out = run(cib(clone("a", "ap", {{"clone-min", "2"}}) + clone("b", "bp", kInterleave),
                       kOrder + kBanA1, kAllRun));
    CHECK(out == sorted({"placement a:ap node2 Started", "placement a:ap node3 Started",
                         "placement b:bp node1 Started", "placement b:bp node2 Started",
                         "placement b:bp node3 Started", "action stop a:ap node1"}));
}

TEST_CASE("interleave: an instance that cannot stay keeps its pairing's ban when placed again",
          "[scheduler][interleave]") {
    // a runs on every node, b on node1 and node3; a must not run with b.
    // a's instances on node1 and node3 are each banned from their node by
    // the instance of b there; placed again, each pairs with the other b
    // instance too, so they stop instead of moving (node2 is taken).
    std::string a = clone("a", "ap", kInterleave);
    std::string b = clone("b", "bp", {{"clone-max", "2"}});
    PerNode running = {{"node1", {"ap", "bp"}}, {"node2", {"ap"}}, {"node3", {"ap", "bp"}}};
    auto out =
        run(cib(a + b, "<rsc_colocation id=\"ab\" rsc=\"a\" with-rsc=\"b\" score=\"-INFINITY\"/>",
                running));
    CHECK(out == sorted({"placement a:ap node2 Started", "placement b:bp node1 Started",
                         "placement b:bp node3 Started", "action stop a:ap node1",
                         "action stop a:ap node3"}));
    // A preference (-100) instead: the second pairing would leave no node,
    // so it is dropped, and the instances trade places.
    auto soft = run(
        cib(a + b, "<rsc_colocation id=\"ab\" rsc=\"a\" with-rsc=\"b\" score=\"-100\"/>", running));
    CHECK(std::count(soft.begin(), soft.end(), "action move a:ap node1->node3") == 1);
    CHECK(std::count(soft.begin(), soft.end(), "action move a:ap node3->node1") == 1);
}
