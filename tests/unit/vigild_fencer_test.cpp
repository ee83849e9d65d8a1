#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "controller.h"
#include "fencer.h"

namespace fs = std::filesystem;

namespace {

crm::cib::Cib cib_of(const std::string& props, const std::string& resources) {
    const std::string text =
        "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\">"
        "<configuration><crm_config><cluster_property_set id=\"o\">" +
        props + "</cluster_property_set></crm_config><nodes/><resources>" + resources +
        "</resources><constraints/></configuration><status/></cib>";
    auto x = crm::xml::parse(text);
    REQUIRE(x.ok());
    auto c = crm::cib::unpack(*x);
    REQUIRE(c.ok());
    return *c;
}

std::string nv(const std::string& name, const std::string& value) {
    return "<nvpair id=\"o-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
}

const std::string netns_device =
    "<primitive id=\"fence-lab\" class=\"stonith\" type=\"fence_vigil_netns\">"
    "<instance_attributes id=\"fl-ia\">"
    "<nvpair id=\"fl-p\" name=\"netns_prefix\" value=\"lab-\"/>"
    "<nvpair id=\"fl-port\" name=\"port\" value=\"evil\"/>"
    "</instance_attributes></primitive>";

// A temp dir with executable scripts, removed at the end of the test.
struct AgentDir {
    fs::path dir;
    AgentDir() {
        std::string tmpl = (fs::temp_directory_path() / "vigil-fencer-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()));
        dir = tmpl;
    }
    ~AgentDir() { fs::remove_all(dir); }
    std::string add(const std::string& name, const std::string& body) {
        fs::path p = dir / name;
        std::ofstream(p) << "#!/bin/sh\n" << body;
        ::chmod(p.c_str(), 0755);
        return p.string();
    }
    std::string read(const std::string& name) const {
        std::ifstream in(dir / name);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
};

}  // namespace

TEST_CASE("fencer: fencing is enabled unless a property says false", "[vigild][fencer]") {
    CHECK(vigild::fencing_enabled(cib_of("", "")));
    CHECK_FALSE(vigild::fencing_enabled(cib_of(nv("stonith-enabled", "false"), "")));
    CHECK_FALSE(vigild::fencing_enabled(cib_of(nv("fencing-enabled", "false"), "")));
    CHECK(vigild::fencing_enabled(cib_of(nv("stonith-enabled", "true"), "")));
}

TEST_CASE("fencer: configuration from the stonith primitive and properties", "[vigild][fencer]") {
    auto none = vigild::fence_config(cib_of("", ""));
    CHECK_FALSE(none.ok());

    auto d = vigild::fence_config(cib_of("", netns_device));
    REQUIRE(d.ok());
    CHECK(d->device == "fence-lab");
    CHECK(d->agent == "fence_vigil_netns");
    CHECK(d->action == "reboot");
    CHECK(d->timeout_ms == 60000);
    CHECK(d->max_attempts == 10);

    auto c = vigild::fence_config(cib_of(
        nv("fencing-action", "off") + nv("stonith-timeout", "7s") + nv("fencing-max-attempts", "3"),
        netns_device));
    REQUIRE(c.ok());
    CHECK(c->action == "off");
    CHECK(c->timeout_ms == 7000);
    CHECK(c->max_attempts == 3);

    CHECK_FALSE(vigild::fence_config(cib_of(nv("stonith-action", "explode"), netns_device)).ok());
    CHECK_FALSE(vigild::fence_config(cib_of(nv("stonith-timeout", "soon"), netns_device)).ok());
    CHECK_FALSE(vigild::fence_config(cib_of(nv("fencing-max-attempts", "0"), netns_device)).ok());

    // The seed's stonith:null, inside a clone, maps to Vigil's null agent.
    auto n = vigild::fence_config(cib_of(
        "", "<clone id=\"fc\"><primitive id=\"st\" class=\"stonith\" type=\"null\"/></clone>"));
    REQUIRE(n.ok());
    CHECK(n->agent == "fence_vigil_null");
}

TEST_CASE("fencer: the request names the target and cannot be overridden", "[vigild][fencer]") {
    auto d = vigild::fence_config(cib_of(nv("stonith-action", "off"), netns_device));
    REQUIRE(d.ok());
    d->params["evil"] = "a\naction=on";
    const std::string in = vigild::fence_request(*d, "standby1");
    CHECK(in == "action=off\nport=standby1\nnodename=standby1\nnetns_prefix=lab-\n");
}

TEST_CASE("fencer: agents are found by name only", "[vigild][fencer]") {
    AgentDir a;
    a.add("fence_ok", "exit 0\n");
    auto found = vigild::find_fence_agent("fence_ok", {"/nonexistent", a.dir.string()});
    REQUIRE(found.ok());
    CHECK(*found == (a.dir / "fence_ok").string());
    auto missing = vigild::find_fence_agent("fence_nope", {"/nonexistent", a.dir.string()});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().find("/nonexistent") != std::string::npos);
    CHECK_FALSE(vigild::find_fence_agent("../fence_ok", {a.dir.string()}).ok());
}

TEST_CASE("fencer: running an agent", "[vigild][fencer]") {
    AgentDir a;
    const std::string ok = a.add("fence_ok", "cat > \"$(dirname \"$0\")/seen\"\necho done\n");
    const std::string fail = a.add("fence_fail", "echo broken >&2\nexit 1\n");
    const std::string slow = a.add("fence_slow", "sleep 30\n");

    auto r = vigild::run_fence_agent(ok, "action=off\nport=n2\n", 5000);
    CHECK(r.ok());
    CHECK(r.output == "done\n");
    CHECK(a.read("seen") == "action=off\nport=n2\n");

    auto f = vigild::run_fence_agent(fail, "", 5000);
    CHECK_FALSE(f.ok());
    CHECK(f.rc == 1);
    CHECK(f.output == "broken\n");

    auto s = vigild::run_fence_agent(slow, "", 200);
    CHECK_FALSE(s.ok());
    CHECK(s.timed_out);
}

TEST_CASE("fencer: retries up to the maximum, stops at the first success", "[vigild][fencer]") {
    AgentDir a;
    // Fails twice, then succeeds: counts its runs in a file.
    a.add("fence_flaky",
          "d=$(dirname \"$0\")\necho x >> \"$d/runs\"\n"
          "[ \"$(wc -l < \"$d/runs\")\" -ge 3 ]\n");
    a.add("fence_never", "exit 1\n");
    vigild::FenceConfig cfg;
    cfg.device = "dev";
    cfg.timeout_ms = 5000;
    cfg.max_attempts = 5;
    int logged = 0;
    auto log = [&](const std::string&) { ++logged; };

    cfg.agent = "fence_flaky";
    auto o = vigild::fence_node(cfg, "n3", {a.dir.string()}, log);
    CHECK(o.success);
    CHECK(o.attempts == 3);
    CHECK(logged == 2);

    cfg.agent = "fence_never";
    cfg.max_attempts = 2;
    auto n = vigild::fence_node(cfg, "n3", {a.dir.string()}, log);
    CHECK_FALSE(n.success);
    CHECK(n.attempts == 2);
    CHECK(n.detail.find("rc=1") != std::string::npos);

    cfg.agent = "fence_missing";
    auto m = vigild::fence_node(cfg, "n3", {a.dir.string()}, log);
    CHECK_FALSE(m.success);
    CHECK(m.attempts == 0);
}

TEST_CASE("fencer: the real null agent succeeds for stonith:null", "[vigild][fencer]") {
    // The repo's agents/fence, as the integration tests use it.
    const fs::path dir = fs::path(VIGIL_SOURCE_DIR) / "agents" / "fence";
    vigild::FenceConfig cfg;
    cfg.device = "st";
    cfg.agent = vigild::fence_agent_name("null");
    cfg.max_attempts = 1;
    auto o = vigild::fence_node(cfg, "n2", {dir.string()}, {});
    CHECK(o.success);
    CHECK(o.attempts == 1);
}

namespace {

// d1 last seen started on n2, which is now gone; fencing configured.
crm::xml::Node cib_with_lost_node(bool stonith_enabled) {
    const std::string text =
        "<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\">"
        "<configuration><crm_config><cluster_property_set id=\"o\">"
        "<nvpair id=\"o-se\" name=\"stonith-enabled\" value=\"" +
        std::string(stonith_enabled ? "true" : "false") +
        "\"/></cluster_property_set></crm_config>"
        "<nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes><resources>"
        "<primitive id=\"st\" class=\"stonith\" type=\"null\"/>"
        "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
        "</resources><constraints/></configuration><status>"
        "<node_state id=\"2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
        "expected=\"member\"><lrm id=\"2\"><lrm_resources>"
        "<lrm_resource id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
        "<lrm_rsc_op id=\"d1_last_0\" operation_key=\"d1_start_0\" operation=\"start\" "
        "call-id=\"2\" rc-code=\"0\" op-status=\"0\" interval=\"0\" "
        "transition-key=\"1:1:0:n2\"/></lrm_resource></lrm_resources></lrm></node_state>"
        "</status></cib>";
    auto x = crm::xml::parse(text);
    REQUIRE(x.ok());
    return *x;
}

vigild::ClusterFacts n2_lost() {
    vigild::ClusterFacts f;
    f.nodes = {{1, "n1", true}, {2, "n2", false}};
    f.quorate = true;
    f.dc = 1;
    return f;
}

bool starts_d1(const vigild::ControllerStep& s) {
    for (const auto& o : s.dispatch)
        if (o.op.rsc == "d1" && o.op.action == "start")
            return true;
    return false;
}

}  // namespace

TEST_CASE("controller: a lost node is fenced before its resources are recovered",
          "[vigild][fencer]") {
    const auto cib = cib_with_lost_node(true);
    const auto facts = n2_lost();

    SECTION("success lets recovery go on") {
        vigild::Controller c("n1");
        auto step = c.on_change(cib, facts, 1000);
        REQUIRE(step.fence.size() == 1);
        CHECK(step.fence[0].target == "n2");
        CHECK(step.fence[0].kind == "reboot");
        CHECK_FALSE(starts_d1(step));
        // Other actions (probes, the device's start) may complete first:
        // d1 still waits for the fencing.
        for (int i = 0; i < 10 && !step.dispatch.empty(); ++i) {
            auto o = step.dispatch.front();
            auto next = c.on_result(o.op.transition_key, true, cib, facts, 1000);
            CHECK_FALSE(starts_d1(next));
            CHECK(next.fence.empty());
            step.dispatch.erase(step.dispatch.begin());
            for (auto& d : next.dispatch)
                step.dispatch.push_back(d);
        }
        auto after = c.on_result(step.fence[0].transition_key, true, cib, facts, 1000);
        bool started = starts_d1(after);
        for (auto& o : after.dispatch) {
            if (o.op.rsc == "d1" && o.op.action == "start")
                CHECK(o.node == "n1");
        }
        // Recovery may still wait for probes issued with the fence order.
        for (int i = 0; i < 10 && !started && !after.dispatch.empty(); ++i) {
            auto o = after.dispatch.front();
            after.dispatch.erase(after.dispatch.begin());
            auto next = c.on_result(o.op.transition_key, true, cib, facts, 1000);
            started = starts_d1(next);
            for (auto& d : next.dispatch)
                after.dispatch.push_back(d);
        }
        CHECK(started);
    }
    SECTION("failure never recovers the resources") {
        vigild::Controller c("n1");
        auto step = c.on_change(cib, facts, 1000);
        REQUIRE(step.fence.size() == 1);
        auto after = c.on_result(step.fence[0].transition_key, false, cib, facts, 1000);
        bool started = starts_d1(after);
        for (int i = 0; i < 10 && !started && !after.dispatch.empty(); ++i) {
            auto o = after.dispatch.front();
            after.dispatch.erase(after.dispatch.begin());
            auto next = c.on_result(o.op.transition_key, true, cib, facts, 1000);
            started = starts_d1(next);
            for (auto& d : next.dispatch)
                after.dispatch.push_back(d);
        }
        CHECK_FALSE(started);
    }
}

TEST_CASE("controller: without fencing a lost node is not fenced", "[vigild][fencer]") {
    vigild::Controller c("n1");
    auto step = c.on_change(cib_with_lost_node(false), n2_lost(), 1000);
    CHECK(step.fence.empty());
}
