// Hostile input at the daemon's edges that need no cluster: resource
// parameters full of shell syntax, and a CIB file edited by hand.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "agent_runner.h"
#include "cib_file.h"
#include "crm/cib/digest.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/vigil-hostile-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_CASE("hostile daemon: agent parameters with shell syntax arrive verbatim, never run",
          "[hostile][vigild][executor]") {
    TempDir ocf;
    TempDir scratch;
    fs::create_directories(ocf.path / "resource.d" / "test");
    const fs::path agent = ocf.path / "resource.d" / "test" / "echo";
    // The agent writes the parameter's value, quoted as agents must, to a file.
    std::ofstream(agent) << "#!/bin/sh\nprintf '%s' \"$OCF_RESKEY_value\" > \"$OCF_RESKEY_out\"\n"
                            "printf '%s' \"$OCF_RESOURCE_INSTANCE\" > \"$OCF_RESKEY_out.rsc\"\n";
    fs::permissions(agent, fs::perms::owner_all);
    const fs::path marker = scratch.path / "pwned";
    const std::string m = marker.string();
    const std::string values[] = {
        "$(touch " + m + "); ",
        "`touch " + m + "`",
        "; touch " + m + " #",
        "x && touch " + m,
        "| touch " + m,
        "'\"; touch " + m + "; echo \"'",
        "a\ntouch " + m + "\n",
        "${IFS}$(touch${IFS}" + m + ")",
        "*",
        "-n -e \\c",
    };
    vigild::AgentRunner runner(ocf.path.string());
    int n = 0;
    for (const auto& value : values) {
        INFO("value: " << value);
        const fs::path out = scratch.path / ("out" + std::to_string(n++));
        vigild::AgentOp op;
        op.rsc = "r1;$(touch " + m + ")";
        op.provider = "test";
        op.type = "echo";
        op.action = "start";
        op.timeout_ms = 10000;
        op.params["value"] = value;
        op.params["out"] = out.string();
        auto r = runner.run_sync(op);
        CHECK(r.rc == 0);
        CHECK(r.status == vigild::OpStatus::done);
        CHECK(slurp(out) == value);
        CHECK(slurp(out.string() + ".rsc") == op.rsc);
        CHECK_FALSE(fs::exists(marker));
    }
}

TEST_CASE("hostile daemon: agent names cannot leave resource.d", "[hostile][vigild][executor]") {
    vigild::AgentOp op;
    op.rsc = "r1";
    op.action = "start";
    for (auto [provider, type] : {std::pair{"..", "sh"}, std::pair{"heartbeat", "../../../bin/sh"},
                                  std::pair{"/bin", "sh"}, std::pair{"heartbeat", ""}}) {
        INFO(provider << ":" << type);
        op.provider = provider;
        op.type = type;
        CHECK_FALSE(vigild::agent_path("/usr/lib/ocf", op).ok());
    }
    TempDir ocf;
    vigild::AgentRunner runner(ocf.path.string());
    op.provider = "..";
    op.type = "sh";
    auto r = runner.run_sync(op);
    CHECK(r.rc == vigild::ocf_err_installed);
}

TEST_CASE("hostile daemon: a CIB file edited by hand is refused and kept aside",
          "[hostile][vigild][cib-file]") {
    TempDir d;
    crm::xml::Node cib = vigild::empty_cib();
    cib.set_attr("epoch", "5");
    REQUIRE(vigild::save_cib(d.path.string(), cib).ok());
    const fs::path file = d.path / "cib.xml";
    const std::string original = slurp(file);

    SECTION("a value changed, still well-formed") {
        std::string edited = original;
        const auto at = edited.find("epoch=\"5\"");
        REQUIRE(at != std::string::npos);
        edited.replace(at, 9, "epoch=\"9\"");
        std::ofstream(file, std::ios::binary | std::ios::trunc) << edited;
        auto loaded = vigild::load_cib(d.path.string(), nullptr, "edit");
        CHECK_FALSE(loaded.cib);
        REQUIRE(loaded.log.size() == 1);
        CHECK_THAT(loaded.log[0], Catch::Contains("digest mismatch"));
        CHECK_THAT(loaded.log[0], Catch::Contains("take the cluster's copy"));
        // The hand-edited copy is kept for the operator, byte for byte.
        CHECK(slurp(d.path / "cib.xml.refused-edit") == edited);
        CHECK_FALSE(fs::exists(file));
    }
    SECTION("the digest file replaced with a wrong digest") {
        std::ofstream(d.path / "cib.xml.sig", std::ios::trunc) << std::string(64, '0') << "\n";
        auto loaded = vigild::load_cib(d.path.string(), nullptr, "sig");
        CHECK_FALSE(loaded.cib);
        REQUIRE(loaded.log.size() == 1);
        CHECK_THAT(loaded.log[0], Catch::Contains("digest mismatch"));
        CHECK(slurp(d.path / "cib.xml.refused-sig") == original);
    }
    SECTION("the digest file deleted") {
        fs::remove(d.path / "cib.xml.sig");
        auto loaded = vigild::load_cib(d.path.string(), nullptr, "nosig");
        CHECK_FALSE(loaded.cib);
        REQUIRE(loaded.log.size() == 1);
        CHECK_THAT(loaded.log[0], Catch::Contains("no digest file"));
    }
    SECTION("an entity smuggled in with a matching digest is still refused by the parser") {
        const std::string evil =
            "<!DOCTYPE cib [<!ENTITY x SYSTEM \"file:///etc/shadow\">]><cib epoch=\"&x;\"/>";
        std::ofstream(file, std::ios::binary | std::ios::trunc) << evil;
        // Whoever edited it also wrote the matching digest.
        std::ofstream(d.path / "cib.xml.sig", std::ios::trunc) << crm::sha256_hex(evil) << "\n";
        auto loaded = vigild::load_cib(d.path.string(), nullptr, "dtd");
        CHECK_FALSE(loaded.cib);
        REQUIRE(loaded.log.size() == 1);
        CHECK_THAT(loaded.log[0], Catch::Contains("external entity") || Catch::Contains("DTD"));
        CHECK_THAT(loaded.log[0], !Catch::Contains("root:"));
    }
    SECTION("untouched, it loads") {
        auto loaded = vigild::load_cib(d.path.string(), nullptr, "ok");
        REQUIRE(loaded.cib);
        CHECK(loaded.cib->attr("epoch") == "5");
        CHECK(loaded.log.empty());
    }
}
