#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "agent_runner.h"
#include "lrm_history.h"

namespace fs = std::filesystem;
using vigild::AgentOp;

namespace {

// A throw-away OCF_ROOT with test agents under resource.d/test/.
struct OcfRoot {
    fs::path root;
    OcfRoot() {
        char tmpl[] = "/tmp/vigild-ocf-XXXXXX";
        root = mkdtemp(tmpl);
        fs::create_directories(root / "resource.d" / "test");
    }
    ~OcfRoot() { fs::remove_all(root); }
    void agent(const std::string& name, const std::string& body) {
        fs::path p = root / "resource.d" / "test" / name;
        std::ofstream(p) << "#!/bin/sh\n" << body;
        fs::permissions(p, fs::perms::owner_all);
    }
};

AgentOp op_for(const std::string& type, const std::string& action) {
    AgentOp op;
    op.rsc = "r1";
    op.provider = "test";
    op.type = type;
    op.action = action;
    op.timeout_ms = 5000;
    return op;
}

}  // namespace

TEST_CASE("vigild executor: parameters reach the agent in its environment, not via a shell",
          "[vigild][executor]") {
    OcfRoot ocf;
    ocf.agent("env", "env > \"$OCF_RESKEY_out\"\nexit 0\n");
    const fs::path out = ocf.root / "env.txt";
    AgentOp op = op_for("env", "start");
    op.params["out"] = out.string();
    op.params["ip"] = "192.168.1.200; touch /tmp/vigild-pwned";
    op.meta["migration-threshold"] = "3";
    vigild::AgentRunner runner(ocf.root.string());
    auto r = runner.run_sync(op);
    CHECK(r.rc == 0);
    CHECK(r.status == vigild::OpStatus::done);
    std::ifstream in(out);
    std::string env((std::istreambuf_iterator<char>(in)), {});
    CHECK_THAT(env, Catch::Contains("OCF_ROOT=" + ocf.root.string()));
    CHECK_THAT(env, Catch::Contains("OCF_RESOURCE_INSTANCE=r1"));
    CHECK_THAT(env, Catch::Contains("OCF_RESKEY_ip=192.168.1.200; touch /tmp/vigild-pwned"));
    CHECK_THAT(env, Catch::Contains("OCF_RESKEY_CRM_meta_migration_threshold=3"));
    CHECK_THAT(env, Catch::Contains("OCF_RESKEY_CRM_meta_timeout=5000"));
    CHECK_FALSE(fs::exists("/tmp/vigild-pwned"));
}

TEST_CASE("vigild executor: rc and exit reason are recorded", "[vigild][executor]") {
    OcfRoot ocf;
    ocf.agent("down", "echo 'ocf-exit-reason:Address 10.0.0.1 is not configured' >&2\nexit 7\n");
    vigild::AgentRunner runner(ocf.root.string());
    auto r = runner.run_sync(op_for("down", "monitor"));
    CHECK(r.rc == 7);
    CHECK(r.exit_reason == "Address 10.0.0.1 is not configured");
}

TEST_CASE("vigild executor: a timeout kills the agent's whole process group",
          "[vigild][executor]") {
    OcfRoot ocf;
    // The agent starts a child that would outlive it; both must die.
    ocf.agent("hang", "sleep 30 &\necho $! > \"$OCF_RESKEY_pidfile\"\nsleep 30\n");
    AgentOp op = op_for("hang", "start");
    op.timeout_ms = 300;
    op.params["pidfile"] = (ocf.root / "child.pid").string();
    vigild::AgentRunner runner(ocf.root.string());
    auto r = runner.run_sync(op);
    CHECK(r.status == vigild::OpStatus::timeout);
    CHECK(r.rc == 1);
    CHECK(r.duration_ms >= 300);
    CHECK(r.duration_ms < 5000);
    std::ifstream in(ocf.root / "child.pid");
    int child = 0;
    in >> child;
    REQUIRE(child > 0);
    // SIGKILL is delivered asynchronously: within two seconds the child is
    // gone (or a zombie its new parent has not reaped yet).
    bool dead = false;
    for (int i = 0; i < 200 && !dead; ++i) {
        std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
        std::string content((std::istreambuf_iterator<char>(stat)), {});
        dead = content.empty() || content.find(") Z") != std::string::npos ||
               content.find(") X") != std::string::npos;
        if (!dead)
            usleep(10000);
    }
    CHECK(dead);
}

TEST_CASE("vigild executor: a missing agent is 'not installed' (rc 5)", "[vigild][executor]") {
    OcfRoot ocf;
    vigild::AgentRunner runner(ocf.root.string());
    auto r = runner.run_sync(op_for("nosuch", "start"));
    CHECK(r.rc == 5);
    auto bad = op_for("../../bin/sh", "start");
    CHECK(runner.run_sync(bad).rc == 5);
}

TEST_CASE("vigild executor: results become Pacemaker-shaped lrm history", "[vigild][executor]") {
    AgentOp op = op_for("IPaddr2", "start");
    op.provider = "heartbeat";
    op.rsc = "IPVirtual_1";
    vigild::AgentResult ok;
    ok.duration_ms = 42;
    auto e = vigild::lrm_entry(op, ok, {"cluster1", 7, 1700000000});
    CHECK(e.attr("type") == "IPaddr2");
    REQUIRE(e.children.size() == 1);
    const auto& o = e.children[0];
    CHECK(o.attr("id") == "IPVirtual_1_last_0");
    CHECK(o.attr("operation_key") == "IPVirtual_1_start_0");
    CHECK(o.attr("rc-code") == "0");
    CHECK(o.attr("exec-time") == "42");
    CHECK(o.attr("on_node") == "cluster1");

    op.action = "monitor";
    op.interval_ms = 30000;
    vigild::AgentResult bad;
    bad.rc = 7;
    bad.exit_reason = "gone";
    auto f = vigild::lrm_entry(op, bad, {"cluster1", 8, 1700000001});
    REQUIRE(f.children.size() == 2);
    CHECK(f.children[0].attr("id") == "IPVirtual_1_monitor_30000");
    CHECK(f.children[1].attr("id") == "IPVirtual_1_last_failure_0");
    CHECK(f.children[1].attr("exit-reason") == "gone");

    // A probe (expected "not running") that finds it running is no failure;
    // one that errors is.
    op.interval_ms = 0;
    op.expected_rc = 7;
    vigild::AgentResult running;
    auto g = vigild::lrm_entry(op, running, {"cluster1", 9, 1700000002});
    REQUIRE(g.children.size() == 1);
    CHECK(g.children[0].attr("id") == "IPVirtual_1_last_0");
    CHECK(g.children[0].attr("rc-code") == "0");
    vigild::AgentResult broken;
    broken.rc = 1;
    CHECK(vigild::lrm_entry(op, broken, {"cluster1", 10, 1700000003}).children.size() == 2);
}
