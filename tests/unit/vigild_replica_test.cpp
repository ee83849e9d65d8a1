#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "crm/cib/digest.h"
#include "replica.h"

using vigild::CpgMessage;
using vigild::Effects;
using vigild::MemberId;
using vigild::Replica;
namespace xml = crm::xml;
using crm::ipc::Rc;

namespace {

xml::Node cib_with(int epoch, const char* rsc) {
    xml::Node cib = vigild::empty_cib();
    cib.set_attr("epoch", std::to_string(epoch));
    if (rsc) {
        xml::Node p("primitive");
        p.set_attr("id", rsc);
        p.set_attr("class", "ocf");
        p.set_attr("provider", "heartbeat");
        p.set_attr("type", "Dummy");
        cib.first_child("configuration")->first_child("resources")->add_child(p);
    }
    return cib;
}

// CPG in miniature: one total order, every message delivered to every
// member of the current view, including its sender.
struct Bus {
    std::map<MemberId, Replica> nodes;
    std::vector<std::pair<MemberId, CpgMessage>> queue;
    std::map<MemberId, std::vector<vigild::Reply>> replies;
    std::map<MemberId, int> persists;
    std::vector<std::string> log;

    void add(MemberId id, xml::Node cib, bool has_copy) {
        nodes.emplace(id, Replica(id, std::move(cib), has_copy, nullptr));
    }
    void take(const MemberId& who, Effects fx) {
        for (auto& m : fx.send)
            queue.emplace_back(who, std::move(m));
        if (fx.persist)
            persists[who]++;
        for (auto& r : fx.replies)
            replies[who].push_back(r);
        for (auto& l : fx.log)
            log.push_back(l);
    }
    // A view made of `members` (only they receive it).
    void view(std::vector<MemberId> members) {
        for (auto& m : members)
            take(m, nodes.at(m).on_view(members));
        current = members;
    }
    void run() {
        while (!queue.empty()) {
            auto [from, msg] = queue.front();
            queue.erase(queue.begin());
            for (auto& m : current)
                take(m, nodes.at(m).on_message(from, msg));
        }
    }
    Replica& at(MemberId m) { return nodes.at(m); }
    std::vector<MemberId> current;
};

const MemberId n1{1, 100}, n2{2, 200}, n3{3, 300};

}  // namespace

TEST_CASE("vigild replica: a fresh cluster settles on the same CIB with the lowest node as DC",
          "[vigild][replica]") {
    Bus bus;
    bus.add(n3, vigild::empty_cib(), false);
    bus.add(n1, vigild::empty_cib(), false);
    bus.add(n2, vigild::empty_cib(), false);
    bus.view({n1, n2, n3});
    CHECK_FALSE(bus.at(n1).settled());
    bus.run();
    for (auto m : {n1, n2, n3}) {
        CHECK(bus.at(m).settled());
        REQUIRE(bus.at(m).dc());
        CHECK(*bus.at(m).dc() == 1u);
    }
}

TEST_CASE("vigild replica: a joining node takes the cluster's CIB", "[vigild][replica]") {
    Bus bus;
    bus.add(n1, cib_with(5, "A"), true);
    bus.add(n2, cib_with(5, "A"), true);
    bus.view({n1, n2});
    bus.run();
    bus.add(n3, vigild::empty_cib(), false);
    bus.view({n1, n2, n3});
    // The old members keep their DC while the new one syncs.
    CHECK(*bus.at(n1).dc() == 1u);
    bus.run();
    CHECK(bus.at(n3).settled());
    CHECK(bus.at(n3).digest() == bus.at(n1).digest());
    CHECK(bus.at(n3).cib().find_by_id("A"));
    CHECK(bus.persists[n3] == 1);
    CHECK(bus.persists[n1] == 0);
}

TEST_CASE("vigild replica: when partitions merge the highest version wins and the loss is logged",
          "[vigild][replica]") {
    Bus bus;
    bus.add(n1, cib_with(7, "old"), true);
    bus.add(n2, cib_with(9, "new"), true);
    bus.add(n3, cib_with(9, "new"), true);
    bus.view({n1, n2, n3});
    bus.run();
    for (auto m : {n1, n2, n3}) {
        CHECK(bus.at(m).cib().find_by_id("new"));
        CHECK(bus.at(m).version().epoch == 9);
    }
    bool logged = false;
    for (auto& l : bus.log)
        logged = logged || l.find("older than the cluster's") != std::string::npos;
    CHECK(logged);
    // Same version, different content: the lowest node id wins, the other
    // side's changes are reported as discarded.
    Bus tie;
    tie.add(n1, cib_with(9, "x"), true);
    tie.add(n2, cib_with(9, "y"), true);
    tie.view({n1, n2});
    tie.run();
    CHECK(tie.at(n2).cib().find_by_id("x"));
    bool discarded = false;
    for (auto& l : tie.log)
        discarded = discarded || l.find("only here are discarded") != std::string::npos;
    CHECK(discarded);
    // A node with a real copy beats a fresh one even at a lower version.
    Bus b2;
    b2.add(n1, vigild::empty_cib(), false);
    b2.add(n2, cib_with(0, "kept"), true);
    b2.view({n1, n2});
    b2.run();
    CHECK(b2.at(n1).cib().find_by_id("kept"));
}

TEST_CASE("vigild replica: a replace is applied everywhere, bumps the epoch, answers its origin",
          "[vigild][replica]") {
    Bus bus;
    for (auto m : {n1, n2, n3})
        bus.add(m, cib_with(3, nullptr), true);
    bus.view({n1, n2, n3});
    bus.run();
    bus.take(n2, bus.at(n2).request_replace(41, cib_with(3, "web"), crm::ipc::CibVersion{0, 3, 0}));
    bus.run();
    for (auto m : {n1, n2, n3}) {
        CHECK(bus.at(m).version() == crm::ipc::CibVersion{0, 4, 0});
        CHECK(bus.at(m).cib().find_by_id("web"));
        CHECK(bus.at(m).digest() == bus.at(n1).digest());
    }
    REQUIRE(bus.replies[n2].size() == 1);
    CHECK(bus.replies[n2][0].req == 41);
    CHECK(bus.replies[n2][0].rc == Rc::ok);
    CHECK(bus.replies[n1].empty());

    // Two clients race from the same version: the second one conflicts.
    bus.take(n1, bus.at(n1).request_replace(1, cib_with(4, "x"), crm::ipc::CibVersion{0, 4, 0}));
    bus.take(n3, bus.at(n3).request_replace(2, cib_with(4, "y"), crm::ipc::CibVersion{0, 4, 0}));
    bus.run();
    CHECK(bus.replies[n1].back().rc == Rc::ok);
    CHECK(bus.replies[n3].back().rc == Rc::conflict);
    CHECK(bus.at(n3).cib().find_by_id("x"));
    CHECK_FALSE(bus.at(n3).cib().find_by_id("y"));

    // A status update (num_updates) meanwhile is no conflict: the
    // replacement keeps the status as it is.
    xml::Node rsc("lrm_resource");
    rsc.set_attr("id", "x");
    xml::Node op("lrm_rsc_op");
    op.set_attr("id", "x_last_0");
    rsc.add_child(op);
    bus.take(n1, bus.at(n1).request_op_result("cluster1", "1", rsc));
    bus.run();
    CHECK(bus.at(n1).version() == crm::ipc::CibVersion{0, 5, 1});
    bus.take(n2, bus.at(n2).request_replace(3, cib_with(5, "z"), crm::ipc::CibVersion{0, 5, 0}));
    bus.run();
    CHECK(bus.replies[n2].back().rc == Rc::ok);
    CHECK(bus.at(n3).cib().find_by_id("z"));
    CHECK(bus.at(n3).cib().find_by_id("x_last_0"));
}

TEST_CASE("vigild replica: updates are refused while a view is syncing", "[vigild][replica]") {
    Bus bus;
    bus.add(n1, cib_with(2, nullptr), true);
    bus.add(n2, cib_with(2, nullptr), true);
    bus.view({n1, n2});
    bus.run();
    bus.take(n1, bus.at(n1).request_replace(7, cib_with(2, "z"), std::nullopt));
    // The view changes before the update is delivered.
    bus.add(n3, vigild::empty_cib(), false);
    bus.view({n1, n2, n3});
    bus.run();
    REQUIRE_FALSE(bus.replies[n1].empty());
    CHECK(bus.replies[n1].back().rc == Rc::unavailable);
    CHECK_FALSE(bus.at(n2).cib().find_by_id("z"));
    CHECK(bus.at(n3).digest() == bus.at(n1).digest());
}

TEST_CASE("vigild replica: the validator's verdict refuses a bad CIB everywhere",
          "[vigild][replica]") {
    Bus bus;
    auto no_bad = [](const xml::Node& c) -> std::string {
        return c.find_by_id("bad") ? "primitive 'bad' is not allowed" : "";
    };
    for (auto m : {n1, n2})
        bus.nodes.emplace(m, Replica(m, cib_with(1, nullptr), true, no_bad));
    bus.view({n1, n2});
    bus.run();
    bus.take(n1, bus.at(n1).request_replace(3, cib_with(1, "bad"), std::nullopt));
    bus.run();
    CHECK(bus.replies[n1].back().rc == Rc::invalid_cib);
    CHECK_THAT(bus.replies[n1].back().message, Catch::Contains("'bad'"));
    CHECK(bus.at(n2).version().epoch == 1);
}

TEST_CASE("vigild replica: op results land in the status section; cleanup removes them",
          "[vigild][replica]") {
    Bus bus;
    for (auto m : {n1, n2})
        bus.add(m, cib_with(1, "vip"), true);
    bus.view({n1, n2});
    bus.run();
    xml::Node rsc("lrm_resource");
    rsc.set_attr("id", "vip");
    rsc.set_attr("class", "ocf");
    rsc.set_attr("provider", "heartbeat");
    rsc.set_attr("type", "IPaddr2");
    xml::Node op("lrm_rsc_op");
    op.set_attr("id", "vip_last_0");
    op.set_attr("operation", "start");
    op.set_attr("rc-code", "0");
    rsc.add_child(op);
    bus.take(n2, bus.at(n2).request_op_result("standby1", "2", rsc));
    bus.run();
    for (auto m : {n1, n2}) {
        CHECK(bus.at(m).version() == crm::ipc::CibVersion{0, 1, 1});
        CHECK(bus.at(m).cib().find_by_id("vip_last_0"));
    }
    CHECK(bus.at(n1).digest() == bus.at(n2).digest());

    bus.take(n1, bus.at(n1).request_cleanup(5, "nosuch", ""));
    bus.run();
    CHECK(bus.replies[n1].back().rc == Rc::not_found);
    bus.take(n1, bus.at(n1).request_cleanup(6, "vip", "standby1"));
    bus.run();
    CHECK(bus.replies[n1].back().rc == Rc::ok);
    CHECK_FALSE(bus.at(n2).cib().find_by_id("vip_last_0"));
}

TEST_CASE("vigild cpg messages round-trip, actions included", "[vigild][cpg]") {
    CpgMessage a;
    a.type = vigild::MsgType::action;
    a.node = "standby1";
    vigild::AgentOp op;
    op.rsc = "IPVirtual_1";
    op.provider = "heartbeat";
    op.type = "IPaddr2";
    op.action = "monitor";
    op.interval_ms = 30000;
    op.params["ip"] = "192.168.1.200";
    op.meta["target-role"] = "Started";
    op.transition_key = "3:1:0:cluster1";
    a.op = op;
    CpgMessage s;
    s.type = vigild::MsgType::state;
    s.view = {n1, n2};
    s.has_copy = true;
    s.version = {0, 4, 2};
    s.digest = "abc";
    CpgMessage r;
    r.type = vigild::MsgType::replace;
    r.req = 9;
    r.expect = crm::ipc::CibVersion{0, 1, 0};
    r.cib = vigild::empty_cib();
    CpgMessage h;
    h.type = vigild::MsgType::history;
    h.node = "cluster1";
    h.node_id = "1";
    h.lrm = xml::Node("lrm_resources");
    for (const auto& m : {a, s, r, h}) {
        auto back = vigild::decode_cpg(vigild::encode(m));
        REQUIRE(back.ok());
        CHECK(*back == m);
    }
    CHECK_FALSE(vigild::decode_cpg("<vigil-cpg type=\"launch\"/>").ok());
    CHECK_FALSE(vigild::decode_cpg("<vigil-cpg type=\"action\" node=\"x\"/>").ok());
}

TEST_CASE("vigild replica: a node's republished history replaces what the CIB said about it",
          "[vigild][replica]") {
    Bus bus;
    for (auto m : {n1, n2})
        bus.add(m, cib_with(1, "vip"), true);
    bus.view({n1, n2});
    bus.run();
    xml::Node rsc("lrm_resource");
    rsc.set_attr("id", "vip");
    xml::Node op("lrm_rsc_op");
    op.set_attr("id", "vip_last_0");
    op.set_attr("operation", "start");
    op.set_attr("rc-code", "0");
    rsc.add_child(op);
    bus.take(n1, bus.at(n1).request_op_result("cluster1", "1", rsc));
    bus.run();
    REQUIRE(bus.at(n2).cib().find_by_id("vip_last_0"));
    // cluster1 rebooted: its executor has done nothing since.
    bus.take(n1, bus.at(n1).request_history("cluster1", "1", xml::Node("lrm_resources")));
    bus.run();
    for (auto m : {n1, n2})
        CHECK_FALSE(bus.at(m).cib().find_by_id("vip_last_0"));
    CHECK(bus.at(n1).digest() == bus.at(n2).digest());
}

namespace {

// A CIB at 0.`epoch`.`updates` whose status says `rsc` was started on each
// of `nodes` (node id, uname).
xml::Node cib_running(int epoch, int updates, const char* rsc,
                      std::vector<std::pair<int, std::string>> nodes) {
    xml::Node cib = cib_with(epoch, rsc);
    cib.set_attr("num_updates", std::to_string(updates));
    xml::Node& status = *cib.first_child("status");
    for (const auto& [id, uname] : nodes) {
        xml::Node ns("node_state");
        ns.set_attr("id", std::to_string(id));
        ns.set_attr("uname", uname);
        xml::Node op("lrm_rsc_op");
        op.set_attr("id", std::string(rsc) + "_last_0");
        op.set_attr("operation", "start");
        op.set_attr("rc-code", "0");
        xml::Node r("lrm_resource");
        r.set_attr("id", rsc);
        r.add_child(op);
        xml::Node rscs("lrm_resources");
        rscs.add_child(r);
        xml::Node lrm("lrm");
        lrm.set_attr("id", std::to_string(id));
        lrm.add_child(rscs);
        ns.add_child(lrm);
        status.add_child(ns);
    }
    return cib;
}

// Whether the status section says something about `rsc` on node `id`.
bool has_history(const Replica& r, int id) {
    const xml::Node* status = r.cib().first_child("status");
    for (const auto& ns : status->children) {
        if (ns.name == "node_state" && ns.attr("id") == std::to_string(id))
            return ns.first_child("lrm") != nullptr;
    }
    return false;
}

// A live member's executor reports that `rsc` runs on it.
void report_running(Bus& bus, const MemberId& m, const std::string& uname, const char* rsc) {
    xml::Node cib = cib_running(1, 0, rsc, {{static_cast<int>(m.nodeid), uname}});
    const xml::Node& rscs = *cib.first_child("status")
                                 ->first_child("node_state")
                                 ->first_child("lrm")
                                 ->first_child("lrm_resources");
    bus.take(m, bus.at(m).request_history(uname, std::to_string(m.nodeid), rscs));
    bus.run();
}

}  // namespace

TEST_CASE("vigild replica: a node coming back does not overwrite the cluster's status",
          "[vigild][replica]") {
    // n2 and n3 run the cluster; their status says vip runs on n2 only.
    // n1 comes back with an older disk copy whose num_updates happen to be
    // higher and which says vip runs on n1 and n3.
    Bus bus;
    bus.add(n2, cib_running(6, 94, "vip", {}), true);
    bus.add(n3, cib_running(6, 94, "vip", {}), true);
    bus.view({n2, n3});
    bus.run();
    report_running(bus, n2, "standby1", "vip");
    REQUIRE(bus.at(n2).settled());
    REQUIRE(bus.at(n3).version().num_updates == 95);
    const MemberId back{1, 111};
    bus.add(back, cib_running(6, 126, "vip", {{1, "cluster1"}, {3, "standby2"}}), true);
    bus.view({back, n2, n3});
    bus.run();
    for (auto m : {back, n2, n3}) {
        CHECK(bus.at(m).settled());
        CHECK(bus.at(m).digest() == bus.at(n2).digest());
        CHECK(has_history(bus.at(m), 2));
        CHECK_FALSE(has_history(bus.at(m), 1));  // powered off: runs nothing
        CHECK_FALSE(has_history(bus.at(m), 3));  // the live copy says so
    }
    // Only the member that came back republishes.
    Bus again;
    again.add(n2, cib_running(6, 94, "vip", {}), true);
    again.view({n2});
    again.run();
    report_running(again, n2, "standby1", "vip");
    // Same version, and the same copy apart from its own history.
    {
        // The copy it took to disk when it went down: its own history added.
        xml::Node cib = again.at(n2).cib();
        xml::Node theirs = cib_running(6, 95, "vip", {{1, "cluster1"}});
        cib.first_child("status")->add_child(
            *theirs.first_child("status")->first_child("node_state"));
        again.add(back, cib, true);
    }
    again.view({back, n2});
    bool republish_back = false, republish_n2 = false;
    while (!again.queue.empty()) {
        auto [from, msg] = again.queue.front();
        again.queue.erase(again.queue.begin());
        for (auto m : again.current) {
            Effects e = again.at(m).on_message(from, msg);
            (m == back ? republish_back : republish_n2) |= e.republish || e.synced;
            again.take(m, std::move(e));
        }
    }
    CHECK(republish_back);
    CHECK_FALSE(republish_n2);
    // Its copy was the same apart from its own history: erased, and both agree.
    CHECK_FALSE(has_history(again.at(n2), 1));
    CHECK(has_history(again.at(n2), 2));
    CHECK(again.at(back).digest() == again.at(n2).digest());
}

TEST_CASE("vigild replica: a newer configuration still wins, but not a stale node's status",
          "[vigild][replica]") {
    Bus bus;
    bus.add(n2, cib_running(6, 9, "vip", {}), true);
    bus.view({n2});
    bus.run();
    report_running(bus, n2, "standby1", "vip");
    const MemberId back{1, 111};
    bus.add(back, cib_running(7, 0, "newer", {{1, "cluster1"}, {2, "standby1"}}), true);
    bus.view({back, n2});
    bus.run();
    CHECK(bus.at(n2).cib().find_by_id("newer"));
    CHECK(bus.at(n2).version().epoch == 7);
    CHECK_FALSE(has_history(bus.at(n2), 1));
    CHECK(bus.at(back).digest() == bus.at(n2).digest());
}

TEST_CASE("vigild replica: a whole cluster starting from disk forgets what ran before",
          "[vigild][replica]") {
    Bus bus;
    auto old = cib_running(6, 126, "vip", {{1, "cluster1"}, {2, "standby1"}, {3, "standby2"}});
    bus.add(n1, old, true);
    bus.add(n2, old, true);
    bus.view({n1, n2});
    bus.run();
    for (auto m : {n1, n2}) {
        CHECK(bus.at(m).settled());
        CHECK_FALSE(has_history(bus.at(m), 1));
        CHECK_FALSE(has_history(bus.at(m), 2));
        CHECK(has_history(bus.at(m), 3));  // not back yet (offline to the scheduler)
    }
    CHECK(bus.at(n1).digest() == bus.at(n2).digest());
    bus.add(n3, old, true);
    bus.view({n1, n2, n3});
    bus.run();
    for (auto m : {n1, n2, n3})
        CHECK_FALSE(has_history(bus.at(m), 3));
}

// Every member knows from the round's states who will republish its
// history (a newcomer, a member whose copy lost), and so when the status is
// the cluster's truth again: the DC plans only then.
TEST_CASE("vigild replica: the members that must republish their history are known to all",
          "[vigild][replica]") {
    Bus bus;
    bus.add(n1, cib_with(5, "A"), true);
    bus.add(n2, cib_with(5, "A"), true);
    bus.view({n1, n2});
    bus.run();
    // A fresh cluster: nobody had joined, so everybody republishes.
    for (auto m : {n1, n2})
        CHECK(bus.at(m).histories_pending() == std::set<MemberId>{n1, n2});
    for (auto m : {n1, n2})
        bus.take(m, bus.at(m).request_history(std::to_string(m.nodeid), std::to_string(m.nodeid),
                                              xml::Node("lrm_resources")));
    bus.run();
    for (auto m : {n1, n2})
        CHECK(bus.at(m).histories_pending().empty());
    // A newcomer must republish; the members that stayed need not.
    bus.add(n3, vigild::empty_cib(), false);
    bus.view({n1, n2, n3});
    bus.run();
    for (auto m : {n1, n2, n3}) {
        REQUIRE(bus.at(m).histories_pending().size() == 1);
        CHECK(*bus.at(m).histories_pending().begin() == n3);
    }
    bus.take(n3, bus.at(n3).request_history("node3", "3", xml::Node("lrm_resources")));
    bus.run();
    for (auto m : {n1, n2, n3})
        CHECK(bus.at(m).histories_pending().empty());
}

TEST_CASE("vigild replica: after a merge, the members whose copy lost must republish",
          "[vigild][replica]") {
    Bus bus;
    bus.add(n1, cib_with(7, "old"), true);
    bus.add(n2, cib_with(9, "new"), true);
    bus.add(n3, cib_with(9, "new"), true);
    // Each had joined before, alone (partitions that now merge).
    for (auto m : {n1, n2, n3}) {
        bus.current = {m};
        bus.take(m, bus.at(m).on_view({m}));
        bus.run();
    }
    bus.view({n1, n2, n3});
    bus.run();
    for (auto m : {n1, n2, n3}) {
        REQUIRE(bus.at(m).histories_pending().size() == 1);
        CHECK(*bus.at(m).histories_pending().begin() == n1);
    }
}
