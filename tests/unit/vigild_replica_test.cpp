#include <catch2/catch.hpp>

#include <map>

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
