// Agent parameter names become environment variable names: a name outside
// [A-Za-z0-9_-]+ could smuggle another variable into the agent's
// environment. Validation refuses it, naming the resource and the name, and
// the executor fails such an op as "not configured" (rc 6) without running
// the agent or building its environment.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "agent_runner.h"
#include "crm/cib/validate.h"
#include "crm/xml/xml_node.h"

namespace fs = std::filesystem;

namespace {

crm::xml::Node seed_with_param(const std::string& name, bool meta) {
    auto doc = crm::xml::parse_file(std::string(VIGIL_SOURCE_DIR) + "/tests/data/cib/seed.xml");
    REQUIRE(doc.ok());
    crm::xml::Node* p = doc->find_by_id("IPVirtual_1");
    REQUIRE(p);
    crm::xml::Node set(meta ? "meta_attributes" : "instance_attributes");
    set.set_attr("id", "IPVirtual_1-extra");
    crm::xml::Node nv("nvpair");
    nv.set_attr("id", "IPVirtual_1-extra-nv");
    nv.set_attr("name", name);
    nv.set_attr("value", "1");
    set.add_child(std::move(nv));
    p->children.insert(p->children.begin(), std::move(set));
    return std::move(*doc);
}

}  // namespace

TEST_CASE("parameter names: only [A-Za-z0-9_-]+ can become a variable name", "[vigild][params]") {
    for (const char* ok : {"ip", "cidr_netmask", "nic", "a-b", "X9"})
        CHECK(crm::cib::valid_param_name(ok));
    for (std::string bad :
         {std::string(""), std::string("a=b"), std::string("PATH=/tmp x"), std::string("a\0b", 3),
          std::string("a b"), std::string("a.b"), std::string("a\nb"), std::string("ä")}) {
        INFO("name '" << bad << "'");
        CHECK_FALSE(crm::cib::valid_param_name(bad));
    }
}

TEST_CASE("parameter names: validation refuses one that could inject a variable",
          "[vigild][params]") {
    {
        auto problems = crm::cib::validate(seed_with_param("ip", false));
        INFO(crm::cib::format_problems(problems));
        CHECK_FALSE(crm::cib::has_errors(problems));  // the control: a plain name is fine
    }
    for (bool meta : {false, true}) {
        auto problems = crm::cib::validate(seed_with_param("x=1 LD_PRELOAD", meta));
        const std::string text = crm::cib::format_problems(problems);
        INFO(text);
        CHECK(crm::cib::has_errors(problems));
        CHECK_THAT(text, Catch::Contains("primitive 'IPVirtual_1'") &&
                             Catch::Contains("'x=1 LD_PRELOAD'") &&
                             Catch::Contains(meta ? "meta attribute name" : "parameter name"));
    }
}

TEST_CASE("parameter names: the executor fails the op as not configured, agent not run",
          "[vigild][params]") {
    char tmpl[] = "/tmp/vigild-ocfp-XXXXXX";
    const fs::path root = ::mkdtemp(tmpl);
    fs::create_directories(root / "resource.d" / "test");
    const fs::path marker = root / "ran";
    {
        std::ofstream a(root / "resource.d" / "test" / "mark");
        a << "#!/bin/sh\ntouch '" << marker.string() << "'\nexit 0\n";
    }
    fs::permissions(root / "resource.d" / "test" / "mark", fs::perms::owner_all);
    vigild::AgentOp op;
    op.rsc = "r1";
    op.provider = "test";
    op.type = "mark";
    op.action = "start";
    op.params["ip"] = "10.0.0.1";
    vigild::AgentRunner runner(root.string());
    {
        auto r = runner.run_sync(op);  // the control: this agent does run
        CHECK(r.rc == 0);
        CHECK(fs::exists(marker));
        fs::remove(marker);
    }
    for (bool meta : {false, true}) {
        vigild::AgentOp bad = op;
        (meta ? bad.meta : bad.params)[std::string("x=1\0LD_PRELOAD", 15)] = "/tmp/evil.so";
        auto r = runner.run_sync(bad);
        CHECK(r.rc == vigild::ocf_err_configured);
        CHECK(r.status == vigild::OpStatus::error);
        CHECK_THAT(r.exit_reason, Catch::Contains("resource r1") &&
                                      Catch::Contains(meta ? "meta attribute" : "parameter") &&
                                      Catch::Contains("x=1\\x00LD_PRELOAD"));
        CHECK_FALSE(fs::exists(marker));
        for (const auto& e : vigild::agent_environment(bad, root.string()))
            CHECK(e.find("LD_PRELOAD") == std::string::npos);
    }
    fs::remove_all(root);
}
