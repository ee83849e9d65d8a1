// Order sets with require-all=false: every member of the next set waits
// for any one member of such a set. Every expectation below is what
// Pacemaker 2.1.5's crm_simulate -S printed for the same CIB (Dummy
// resources, stonith disabled), written out by hand here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

using Lines = std::vector<std::string>;

std::string stopped_xml(const std::string& id) {
    return "<primitive id=\"" + id +
           "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><meta_attributes id=\"" + id +
           "-m\"><nvpair id=\"" + id +
           "-tr\" name=\"target-role\" value=\"Stopped\"/></meta_attributes></primitive>";
}

// {B, C} (unordered, require-all=false) then `next`; one node n1, where
// `running` runs. `b_stopped`/`c_stopped`: target-role=Stopped.
std::string cib(bool b_stopped, bool c_stopped, const std::vector<std::string>& next,
                const std::vector<std::string>& running, const std::string& order_attrs = "") {
    std::string x = kCibHead + "<nodes><node id=\"1\" uname=\"n1\"/></nodes><resources>" +
                    (b_stopped ? stopped_xml("B") : dummy_xml("B")) +
                    (c_stopped ? stopped_xml("C") : dummy_xml("C"));
    for (const auto& n : next)
        x += dummy_xml(n);
    x += "</resources><constraints><rsc_order id=\"ord\"" + order_attrs +
         "><resource_set id=\"s0\" sequential=\"false\" require-all=\"false\">"
         "<resource_ref id=\"B\"/><resource_ref id=\"C\"/></resource_set><resource_set "
         "id=\"s1\">";
    for (const auto& n : next)
        x += "<resource_ref id=\"" + n + "\"/>";
    x += "</resource_set></rsc_order></constraints></configuration><status><node_state id=\"1\" "
         "uname=\"n1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">";
    if (!running.empty()) {
        x += "<lrm id=\"1\"><lrm_resources>";
        for (const auto& r : running)
            x += started_xml(r);
        x += "</lrm_resources></lrm>";
    }
    return x + "</node_state></status></cib>";
}

Lines actions(const std::string& text) {
    Lines out;
    for (const auto& l : schedule_lines(text))
        if (l.rfind("action ", 0) == 0)
            out.push_back(l);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("require-all=false set: one member is enough for the next set",
          "[scheduler][order][require-all]") {
    // crm_simulate: Start C n1, Start D n1.
    CHECK(actions(cib(true, false, {"D"}, {})) == Lines{"action start C n1", "action start D n1"});
    // crm_simulate: Start D n1 blocked (unrunnable one-or-more:s0).
    CHECK(actions(cib(true, true, {"D"}, {})) == Lines{"action start D n1 blocked"});
}

TEST_CASE("require-all=false set: every member of a sequential next set waits for it",
          "[scheduler][order][require-all]") {
    // crm_simulate: Start X n1 and Start Y n1 blocked, both "due to
    // unrunnable one-or-more:s0".
    CHECK(actions(cib(true, true, {"X", "Y"}, {})) ==
          Lines{"action start X n1 blocked", "action start Y n1 blocked"});
}

TEST_CASE("require-all=false set: what follows stops only with the last member",
          "[scheduler][order][require-all]") {
    Lines all = {"B", "C", "D"};
    // crm_simulate: Stop B only: D neither stops nor restarts.
    CHECK(actions(cib(true, false, {"D"}, all)) == Lines{"action stop B n1"});
    // crm_simulate: Stop B, C, D (D: unrunnable one-or-more:s0), for a
    // mandatory and for an optional order.
    for (std::string attrs : {"", " kind=\"Optional\""}) {
        CAPTURE(attrs);
        CHECK(actions(cib(true, true, {"D"}, all, attrs)) ==
              Lines{"action stop B n1", "action stop C n1", "action stop D n1"});
    }
}

TEST_CASE("require-all=false set: a group in it always counts, as Pacemaker does",
          "[scheduler][order][require-all]") {
    // Pacemaker counts the group by its own start, which stays runnable
    // even when no member can start.
    std::string x =
        kCibHead + "<nodes><node id=\"1\" uname=\"n1\"/></nodes><resources><group id=\"G\">" +
        stopped_xml("g1") + dummy_xml("g2") + "</group>" + stopped_xml("B") + dummy_xml("D") +
        "</resources><constraints><rsc_order id=\"ord\"><resource_set id=\"s0\" "
        "sequential=\"false\" require-all=\"false\"><resource_ref id=\"G\"/>"
        "<resource_ref id=\"B\"/></resource_set><resource_set id=\"s1\">"
        "<resource_ref id=\"D\"/></resource_set></rsc_order></constraints>"
        "</configuration><status><node_state id=\"1\" uname=\"n1\" in_ccm=\"true\" "
        "crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";
    // crm_simulate: Start D n1 (g1 and B stay stopped, g2 cannot start
    // after g1).
    CHECK(actions(x) == Lines{"action start D n1"});
}
