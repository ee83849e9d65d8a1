// Hostile XML: what an attacker or a broken tool could hand the CIB reader
// (a CIB file, a cib-replace request, a CPG message all go through it).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "crm/ipc/protocol.h"
#include "crm/xml/xml_node.h"

namespace fs = std::filesystem;
namespace xml = crm::xml;

namespace {

// The process's peak resident set since the last reset, in kB (Linux).
long peak_rss_kb() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::strtol(line.c_str() + 6, nullptr, 10);
    }
    return -1;
}

// Resets the peak to the current RSS, so the next peak_rss_kb() measures
// what happened in between.
bool reset_peak_rss() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    out.flush();
    return static_cast<bool>(out);
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct TempFile {
    fs::path path;
    TempFile() {
        char tmpl[] = "/tmp/vigil-hostile-XXXXXX";
        int fd = mkstemp(tmpl);
        REQUIRE(fd >= 0);
        ::close(fd);
        path = tmpl;
    }
    ~TempFile() { fs::remove(path); }
};

}  // namespace

TEST_CASE("hostile xml: external entities are refused and never read", "[hostile][xml]") {
    // A marker file the entity points at: its content must never appear.
    TempFile secret;
    std::ofstream(secret.path) << "SECRET-CONTENT";
    const std::string url = "file://" + secret.path.string();
    const std::string docs[] = {
        "<!DOCTYPE cib [<!ENTITY x SYSTEM \"" + url + "\">]><cib a=\"&x;\">&x;</cib>",
        "<!DOCTYPE cib SYSTEM \"" + url + "\"><cib/>",
        "<!DOCTYPE cib [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><cib/>",
        "<!DOCTYPE cib PUBLIC \"-//x//y\" \"http://127.0.0.1:9/cib.dtd\"><cib/>",
        "<?xml version=\"1.0\"?><!DOCTYPE cib [<!ENTITY x \"inner\">]><cib>&x;</cib>",
    };
    for (const auto& doc : docs) {
        INFO(doc);
        auto r = xml::parse(doc);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("DTD") || Catch::Contains("entity") ||
                                  Catch::Contains("not well-formed"));
        CHECK_THAT(r.error(), !Catch::Contains("SECRET-CONTENT"));
    }
    // An entity reference without any declaration is not expanded either.
    auto r = xml::parse("<cib>&x;</cib>");
    REQUIRE_FALSE(r.ok());
}

TEST_CASE("hostile xml: billion laughs is refused quickly without expanding", "[hostile][xml]") {
    std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">";
    for (int i = 1; i <= 9; ++i) {
        bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int j = 0; j < 10; ++j)
            bomb += "&lol" + std::to_string(i - 1) + ";";
        bomb += "\">";
    }
    bomb += "]><cib a=\"&lol9;\">&lol9;</cib>";
    REQUIRE(reset_peak_rss());
    const long before = peak_rss_kb();
    const auto t0 = std::chrono::steady_clock::now();
    auto r = xml::parse(bomb);
    const double took = seconds_since(t0);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("DTD") || Catch::Contains("entity"));
    // 10^9 expansions would take minutes and gigabytes; refusing takes none.
    CHECK(took < 5.0);
    CHECK(peak_rss_kb() - before < 16 * 1024);
}

TEST_CASE("hostile xml: a 100 MB document is refused at once, memory bounded", "[hostile][xml]") {
    const std::size_t hundred_mb = 100u << 20;
    SECTION("in memory") {
        std::string big = "<cib>";
        big.resize(hundred_mb - 6, ' ');
        big += "</cib>";
        REQUIRE(reset_peak_rss());
        const long before = peak_rss_kb();
        const auto t0 = std::chrono::steady_clock::now();
        auto r = xml::parse(big);
        const double took = seconds_since(t0);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("104857600 bytes") &&
                                  Catch::Contains("over the limit of 67108864 bytes"));
        CHECK(took < 5.0);
        // The parser allocates nothing for a refused document.
        CHECK(peak_rss_kb() - before < 8 * 1024);
    }
    SECTION("as a file") {
        TempFile f;
        {
            std::ofstream out(f.path);
            out << "<cib>";
        }
        fs::resize_file(f.path, hundred_mb);  // sparse: costs no disk
        REQUIRE(reset_peak_rss());
        const long before = peak_rss_kb();
        const auto t0 = std::chrono::steady_clock::now();
        auto r = xml::parse_file(f.path.string());
        const double took = seconds_since(t0);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains(f.path.string()) &&
                                  Catch::Contains("104857600 bytes") &&
                                  Catch::Contains("over the limit"));
        CHECK(took < 5.0);
        // Not read into memory at all.
        CHECK(peak_rss_kb() - before < 8 * 1024);
    }
    SECTION("from a stream whose size is unknown") {
        // /dev/zero never ends: reading must stop just past the limit.
        xml::ParseLimits limits;
        limits.max_bytes = 1u << 20;
        REQUIRE(reset_peak_rss());
        const long before = peak_rss_kb();
        auto r = xml::parse_file("/dev/zero", limits);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("over the limit of 1048576 bytes"));
        CHECK(peak_rss_kb() - before < 16 * 1024);
    }
    SECTION("as an IPC request") {
        std::string big = "<vigil-request version=\"1\" op=\"status\" id=\"1\">";
        big.resize(hundred_mb, ' ');
        auto r = crm::ipc::decode_request(big);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("over the limit of 16777216 bytes"));
    }
}

TEST_CASE("hostile xml: deep nesting is refused with the line, not a stack overflow",
          "[hostile][xml]") {
    for (int depth : {65, 1000, 100000}) {
        INFO("depth " << depth);
        std::string deep;
        for (int i = 0; i < depth; ++i)
            deep += "<a>\n";
        for (int i = 0; i < depth; ++i)
            deep += "</a>";
        auto r = xml::parse(deep);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.error(), Catch::Contains("line"));
    }
    // The limit itself is allowed: 64 levels read fine.
    std::string ok;
    for (int i = 0; i < 64; ++i)
        ok += "<a>";
    for (int i = 0; i < 64; ++i)
        ok += "</a>";
    CHECK(xml::parse(ok).ok());
}

TEST_CASE("hostile xml: malformed bytes are refused with a reason", "[hostile][xml]") {
    const std::string docs[] = {
        "",
        std::string("<cib>\0</cib>", 12),
        "<cib attr=\"\xff\xfe\"/>",
        "<cib a=\"1\" a=\"2\"/>",
        "<cib><configuration></cib>",
        "<cib/><cib/>",
        "<?xml version=\"1.0\" encoding=\"EBCDIC-XX\"?><cib/>",
        "<![CDATA[x]]>",
    };
    for (const auto& doc : docs) {
        INFO(doc);
        auto r = xml::parse(doc);
        REQUIRE_FALSE(r.ok());
        CHECK_FALSE(r.error().empty());
    }
}
