// clone-min: what is ordered after a clone ("order C then W") may start
// only while at least clone-min instances of C are active or starting in
// this transition; with fewer it is blocked, or stops where it runs (and
// what is colocated with it follows). Every expectation below is what
// Pacemaker 2.1.5's crm_simulate -S printed for the same CIB (three nodes
// n1..n3, Dummy resources, stonith disabled), written out by hand here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/graph/executor.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"
#include "scheduler_lines.h"

using namespace crm;

namespace {

// The lrm history of a Dummy that started and then failed its 10 s
// monitor ("not running"): it is to be recovered where it is.
std::string failed_xml(const std::string& id) {
    std::string s = started_xml(id);
    std::string monitor = "<lrm_rsc_op id=\"" + id + "_last_failure_0\" operation_key=\"" + id +
                          "_monitor_10000\" operation=\"monitor\" transition-key=\"2:0:0:x\" "
                          "transition-magic=\"0:7;2:0:0:x\" rc-code=\"7\" op-status=\"0\" "
                          "call-id=\"12\" interval=\"10000\" last-rc-change=\"1001\"/>";
    return s.insert(s.rfind("</lrm_resource>"), monitor);
}

struct Cib {
    std::string clone_meta;  // nvpairs of clone C (holding primitive c)
    std::string resources;   // besides C
    std::string constraints;
    std::vector<std::string> lrm = std::vector<std::string>(4);  // by node number
    int standby = 0;                                             // node in standby, 0: none

    std::string text() const {
        std::string x = kCibHead + "<nodes>";
        for (int i = 1; i <= 3; ++i) {
            std::string n = std::to_string(i);
            x += "<node id=\"" + n + "\" uname=\"n" + n + "\">";
            if (i == standby)
                x += "<instance_attributes id=\"n" + n + "-a\"><nvpair id=\"n" + n +
                     "-sb\" name=\"standby\" value=\"on\"/></instance_attributes>";
            x += "</node>";
        }
        x += "</nodes><resources><clone id=\"C\"><meta_attributes id=\"C-meta\">" + clone_meta +
             "</meta_attributes>" + dummy_xml("c") + "</clone>" + resources +
             "</resources><constraints>" + constraints + "</constraints></configuration><status>";
        for (int i = 1; i <= 3; ++i) {
            std::string n = std::to_string(i);
            x += "<node_state id=\"" + n + "\" uname=\"n" + n +
                 "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\">";
            if (!lrm[i].empty())
                x += "<lrm id=\"" + n + "\"><lrm_resources>" + lrm[i] + "</lrm_resources></lrm>";
            x += "</node_state>";
        }
        return x + "</status></cib>";
    }
};

std::string min2() {
    return "<nvpair id=\"C-min\" name=\"clone-min\" value=\"2\"/>";
}

std::string order(const std::string& attrs = "") {
    return "<rsc_order id=\"ord\" first=\"C\" then=\"W\"" + attrs + "/>";
}

std::string ban(const std::string& id, const std::string& rsc, const std::string& node) {
    return "<rsc_location id=\"" + id + "\" rsc=\"" + rsc + "\" node=\"" + node +
           "\" score=\"-INFINITY\"/>";
}

// C banned from n1 and n2: at most one instance (on n3).
std::string two_bans() {
    return ban("l1", "C", "n1") + ban("l2", "C", "n2");
}

// An instance of C on every node and W running on n1.
Cib all_running() {
    Cib c;
    c.resources = dummy_xml("W");
    c.lrm[1] = started_xml("c:0") + started_xml("W");
    c.lrm[2] = started_xml("c:1");
    c.lrm[3] = started_xml("c:2");
    return c;
}

std::vector<std::string> actions(const Cib& c) {
    std::vector<std::string> out;
    for (const auto& l : schedule_lines(c.text()))
        if (l.rfind("action ", 0) == 0)
            out.push_back(l);
    std::sort(out.begin(), out.end());
    return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("clone-min: enough instances starting lets 'then' start", "[scheduler][clone-min]") {
    Cib c;
    c.clone_meta = min2();
    c.resources = dummy_xml("W");
    c.constraints = order();
    // crm_simulate: Start c:0 n1, c:1 n2, c:2 n3, Start W n1.
    CHECK(actions(c) == Lines{"action start C:c n1", "action start C:c n2", "action start C:c n3",
                              "action start W n1"});
}

TEST_CASE("clone-min: too few instances block 'then'", "[scheduler][clone-min]") {
    Cib c;
    c.clone_meta = min2();
    c.resources = dummy_xml("W");
    c.constraints = order();
    SECTION("two nodes banned") {
        c.constraints += two_bans();
        // crm_simulate: Start c:0 n3; Start W n1 blocked (unrunnable
        // clone-one-or-more:ord).
        CHECK(actions(c) == Lines{"action start C:c n3", "action start W n1 blocked"});
    }
    SECTION("one node banned, one in standby") {
        c.constraints += ban("l1", "C", "n1");
        c.standby = 2;
        // crm_simulate: the same as with two bans.
        CHECK(actions(c) == Lines{"action start C:c n3", "action start W n1 blocked"});
    }
    SECTION("control: without clone-min one instance is enough") {
        c.clone_meta.clear();
        c.constraints += two_bans();
        // crm_simulate: Start c:0 n3, Start W n1.
        CHECK(actions(c) == Lines{"action start C:c n3", "action start W n1"});
    }
    SECTION("clone-min above the number of nodes") {
        c.clone_meta = "<nvpair id=\"C-min\" name=\"clone-min\" value=\"4\"/>";
        // crm_simulate: three instances start, W blocked.
        CHECK(actions(c) == Lines{"action start C:c n1", "action start C:c n2",
                                  "action start C:c n3", "action start W n1 blocked"});
    }
}

TEST_CASE("clone-min: a running 'then' stops when the clone drops below it",
          "[scheduler][clone-min]") {
    Cib c = all_running();
    c.clone_meta = min2();
    c.constraints = order() + two_bans();
    SECTION("mandatory order") {
        // crm_simulate: Stop c:0 n1, Stop c:1 n2, Stop W n1.
        CHECK(actions(c) == Lines{"action stop C:c n1", "action stop C:c n2", "action stop W n1"});
    }
    SECTION("an optional or one-way order holds 'then' back all the same") {
        c.constraints = order(GENERATE(std::string(" kind=\"Optional\""),
                                       std::string(" symmetrical=\"false\""))) +
                        two_bans();
        // crm_simulate: Stop W n1 (unrunnable clone-one-or-more:ord) for both.
        CHECK(actions(c) == Lines{"action stop C:c n1", "action stop C:c n2", "action stop W n1"});
    }
    SECTION("what is colocated with 'then' stops with it") {
        c.resources += dummy_xml("X");
        c.lrm[1] += started_xml("X");
        c.constraints +=
            "<rsc_colocation id=\"x-with-w\" rsc=\"X\" with-rsc=\"W\" score=\"INFINITY\"/>";
        // crm_simulate: Stop W n1; Stop X n1 (colocation with W).
        CHECK(actions(c) == Lines{"action stop C:c n1", "action stop C:c n2", "action stop W n1",
                                  "action stop X n1"});
    }
    SECTION("control: without clone-min 'then' stays, not even restarted") {
        c.clone_meta.clear();
        // crm_simulate: only the two instances stop.
        CHECK(actions(c) == Lines{"action stop C:c n1", "action stop C:c n2"});
    }
}

TEST_CASE("clone-min: an instance that recovers does not restart 'then'",
          "[scheduler][clone-min]") {
    Cib c = all_running();
    c.constraints = order();
    SECTION("on the node of 'then'") {
        c.lrm[1] = failed_xml("c:0") + started_xml("W");
        c.clone_meta = min2();
        // crm_simulate: Recover c:0 n1 only.
        CHECK(actions(c) == Lines{"action recover C:c n1"});
        c.clone_meta.clear();
        // crm_simulate without clone-min: Restart W n1 (required C running).
        CHECK(actions(c) == Lines{"action recover C:c n1", "action restart W n1"});
    }
    SECTION("on another node, with or without clone-min") {
        c.lrm[2] = failed_xml("c:1");
        c.clone_meta = GENERATE(std::string(), min2());
        // crm_simulate: Recover c:1 n2 only, both times.
        CHECK(actions(c) == Lines{"action recover C:c n2"});
    }
}

TEST_CASE("clone-min: a 'then' clone or group is held back as a whole", "[scheduler][clone-min]") {
    Cib c;
    c.clone_meta = min2();
    c.constraints = two_bans();
    SECTION("clone") {
        c.resources = "<clone id=\"WC\">" + dummy_xml("w") + "</clone>";
        c.constraints += "<rsc_order id=\"ord\" first=\"C\" then=\"WC\"/>";
        // crm_simulate: Start c:0 n3; w:0, w:1, w:2 blocked.
        CHECK(actions(c) == Lines{"action start C:c n3", "action start WC:w n1 blocked",
                                  "action start WC:w n2 blocked", "action start WC:w n3 blocked"});
    }
    SECTION("group") {
        c.resources = "<group id=\"G\">" + dummy_xml("g1") + dummy_xml("g2") + "</group>";
        c.constraints += "<rsc_order id=\"ord\" first=\"C\" then=\"G\"/>";
        // crm_simulate: Start c:0 n3; g1, g2 blocked on n1.
        CHECK(actions(c) == Lines{"action start C:c n3", "action start g1 n1 blocked",
                                  "action start g2 n1 blocked"});
    }
}

TEST_CASE("clone-min: the order applies to an interleaved 'then' clone as a whole",
          "[scheduler][clone-min]") {
    Cib c;
    c.clone_meta = min2() + "<nvpair id=\"C-il\" name=\"interleave\" value=\"true\"/>";
    c.resources =
        "<clone id=\"WC\"><meta_attributes id=\"WC-meta\"><nvpair id=\"WC-il\" "
        "name=\"interleave\" value=\"true\"/></meta_attributes>" +
        dummy_xml("w") + "</clone>";
    c.constraints = "<rsc_order id=\"ord\" first=\"C\" then=\"WC\"/>" + ban("l1", "C", "n1");
    // crm_simulate: c on n2 and n3; w starts on all three nodes, n1 too
    // where no instance of C runs (the count replaces the interleaving).
    CHECK(actions(c) == Lines{"action start C:c n2", "action start C:c n3", "action start WC:w n1",
                              "action start WC:w n2", "action start WC:w n3"});
}

TEST_CASE("clone-min on a cloned group counts every instance, as Pacemaker does",
          "[scheduler][clone-min]") {
    // Pacemaker counts a group instance by the group's own start, which
    // stays runnable whatever its members can do.
    auto text = [](const std::string& extra_meta, const std::string& constraints) {
        std::string x = kCibHead + "<nodes>";
        for (int i = 1; i <= 3; ++i)
            x += "<node id=\"" + std::to_string(i) + "\" uname=\"n" + std::to_string(i) + "\"/>";
        x += "</nodes><resources><clone id=\"C\"><meta_attributes id=\"C-meta\"><nvpair "
             "id=\"C-min\" name=\"clone-min\" value=\"2\"/>" +
             extra_meta + "</meta_attributes><group id=\"G\">" + dummy_xml("g1") + dummy_xml("g2") +
             "</group></clone>" + dummy_xml("W") + "</resources><constraints>" +
             "<rsc_order id=\"ord\" first=\"C\" then=\"W\"/>" + constraints +
             "</constraints></configuration><status>";
        for (int i = 1; i <= 3; ++i)
            x += "<node_state id=\"" + std::to_string(i) + "\" uname=\"n" + std::to_string(i) +
                 "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>";
        return x + "</status></cib>";
    };
    auto actions_of = [](const std::string& t) {
        Lines out;
        for (const auto& l : schedule_lines(t))
            if (l.rfind("action ", 0) == 0)
                out.push_back(l);
        std::sort(out.begin(), out.end());
        return out;
    };
    // crm_simulate: g1:0, g2:0 start on n3; Start W n1 (not blocked).
    CHECK(actions_of(text("", two_bans())) ==
          Lines{"action start C:g1 n3", "action start C:g2 n3", "action start W n1"});
    // crm_simulate with clone-max=1: one instance; Start W n2 blocked.
    CHECK(actions_of(text("<nvpair id=\"C-max\" name=\"clone-max\" value=\"1\"/>", "")) ==
          Lines{"action start C:g1 n1", "action start C:g2 n1", "action start W n2 blocked"});
}

TEST_CASE("clone-min: colocation with the clone is not affected", "[scheduler][clone-min]") {
    Cib c = all_running();
    c.clone_meta = min2();
    c.constraints =
        "<rsc_colocation id=\"w-with-c\" rsc=\"W\" with-rsc=\"C\" score=\"INFINITY\"/>" +
        two_bans();
    // crm_simulate: the instances on n1 and n2 stop; W moves to n3, beside
    // the one left.
    CHECK(actions(c) == Lines{"action move W n1->n3", "action stop C:c n1", "action stop C:c n2"});
}

TEST_CASE("require-all=false after a clone: one instance is enough", "[scheduler][clone-min]") {
    Cib c;
    c.resources = dummy_xml("W");
    c.constraints = order(" require-all=\"false\"") + two_bans();
    // crm_simulate: Start c:0 n3, Start W n1.
    CHECK(actions(c) == Lines{"action start C:c n3", "action start W n1"});
    c.constraints += ban("l3", "C", "n3");
    // crm_simulate: Start W n1 blocked (unrunnable clone-one-or-more:ord).
    CHECK(actions(c) == Lines{"action start W n1 blocked"});
}

TEST_CASE("clone-min on a promotable clone counts promoted instances for 'promote then'",
          "[scheduler][clone-min]") {
    auto text = [](const std::string& promoted_max) {
        std::string x = kCibHead + "<nodes>";
        for (int i = 1; i <= 3; ++i)
            x += "<node id=\"" + std::to_string(i) + "\" uname=\"n" + std::to_string(i) + "\"/>";
        x += "</nodes><resources><clone id=\"P\"><meta_attributes id=\"P-meta\">"
             "<nvpair id=\"P-prom\" name=\"promotable\" value=\"true\"/>"
             "<nvpair id=\"P-min\" name=\"clone-min\" value=\"2\"/>"
             "<nvpair id=\"P-pm\" name=\"promoted-max\" value=\"" +
             promoted_max +
             "\"/></meta_attributes><primitive id=\"s\" class=\"ocf\" provider=\"pacemaker\" "
             "type=\"Stateful\"/></clone>" +
             dummy_xml("W") +
             "</resources><constraints>"
             "<rsc_location id=\"lp1\" rsc=\"P\" role=\"Promoted\" node=\"n1\" score=\"100\"/>"
             "<rsc_location id=\"lp2\" rsc=\"P\" role=\"Promoted\" node=\"n2\" score=\"50\"/>"
             "<rsc_order id=\"ord\" first=\"P\" first-action=\"promote\" then=\"W\" "
             "then-action=\"start\"/></constraints></configuration><status>";
        for (int i = 1; i <= 3; ++i)
            x += "<node_state id=\"" + std::to_string(i) + "\" uname=\"n" + std::to_string(i) +
                 "\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"/>";
        return x + "</status></cib>";
    };
    auto has = [](const std::vector<std::string>& lines, const std::string& l) {
        return std::find(lines.begin(), lines.end(), l) != lines.end();
    };
    // crm_simulate: three instances run but only s:0 is promoted: Start W
    // n1 blocked (unrunnable clone-one-or-more:ord).
    auto one = schedule_lines(text("1"));
    CHECK(has(one, "action start W n1 blocked"));
    // crm_simulate: s:0 and s:1 promoted: Start W n1.
    auto two = schedule_lines(text("2"));
    CHECK(has(two, "action start W n1"));
}

TEST_CASE("clone-min that is not a count of instances is refused by name",
          "[scheduler][clone-min]") {
    for (std::string v : {"abc", "INFINITY", "2.5", "-1"}) {
        CAPTURE(v);
        Cib c;
        c.clone_meta = "<nvpair id=\"C-min\" name=\"clone-min\" value=\"" + v + "\"/>";
        auto doc = xml::parse(c.text());
        REQUIRE(doc.ok());
        auto cib = cib::unpack(*doc);
        REQUIRE(cib.ok());
        auto t = scheduler::schedule(*cib, {});
        REQUIRE_FALSE(t.ok());
        CHECK(t.error().find("clone-min on clone 'C' is '" + v + "'") != std::string::npos);
    }
}

TEST_CASE("clone-min: 'then' still starts after every instance the transition starts",
          "[scheduler][clone-min]") {
    // The count only decides whether 'then' may start; in the transition
    // it waits for all the instance starts that run (as in Pacemaker's
    // graph, where the count's pseudo action has each of them as input).
    Cib c;
    c.clone_meta = min2();
    c.resources = dummy_xml("W");
    c.constraints = order() + ban("l1", "C", "n1");
    auto doc = xml::parse(c.text());
    REQUIRE(doc.ok());
    auto cib = cib::unpack(*doc);
    REQUIRE(cib.ok());
    auto t = scheduler::schedule(*cib, {});
    REQUIRE(t.ok());
    const graph::Graph& g = t->graph;
    graph::Executor ex(g);
    int instance_starts = 0;
    bool w_started = false;
    for (int round = 0; round < 100 && !ex.done(); ++round) {
        const auto ready = ex.next();
        for (int id : ready) {
            const graph::Action& a = g.actions[id];
            if (a.resource == "W" && a.task == "start") {
                CHECK(instance_starts == 2);
                w_started = true;
            }
        }
        for (int id : ready) {
            const graph::Action& a = g.actions[id];
            if (a.resource.rfind("c:", 0) == 0 && a.task == "start")
                ++instance_starts;
            ex.complete(id, true);
        }
    }
    CHECK(instance_starts == 2);
    CHECK(w_started);
}
