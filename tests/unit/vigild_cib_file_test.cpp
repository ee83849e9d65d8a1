#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "cib_file.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        char tmpl[] = "/tmp/vigild-cibfile-XXXXXX";
        path = mkdtemp(tmpl);
    }
    ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("vigild cib file: saved copy loads back identical", "[vigild][cib-file]") {
    TempDir d;
    crm::xml::Node cib = vigild::empty_cib();
    cib.set_attr("epoch", "12");
    REQUIRE(vigild::save_cib(d.path, cib).ok());
    CHECK(fs::exists(d.path / "cib.xml.sig"));
    CHECK_FALSE(fs::exists(d.path / "cib.xml.tmp"));
    auto loaded = vigild::load_cib(d.path, nullptr, "t");
    REQUIRE(loaded.cib);
    CHECK(*loaded.cib == cib);
    CHECK(loaded.log.empty());
}

TEST_CASE("vigild cib file: a missing file is no copy and no complaint", "[vigild][cib-file]") {
    TempDir d;
    auto loaded = vigild::load_cib(d.path, nullptr, "t");
    CHECK_FALSE(loaded.cib);
    CHECK(loaded.log.empty());
}

TEST_CASE("vigild cib file: a tampered copy is refused and kept as a backup",
          "[vigild][cib-file]") {
    TempDir d;
    REQUIRE(vigild::save_cib(d.path, vigild::empty_cib()).ok());
    {
        std::ofstream f(d.path / "cib.xml", std::ios::app);
        f << "<!-- edited by hand -->\n";
    }
    auto loaded = vigild::load_cib(d.path, nullptr, "20260101");
    CHECK_FALSE(loaded.cib);
    REQUIRE(loaded.log.size() == 1);
    CHECK_THAT(loaded.log[0], Catch::Contains("digest mismatch"));
    CHECK(fs::exists(d.path / "cib.xml.refused-20260101"));
    CHECK_FALSE(fs::exists(d.path / "cib.xml"));
}

TEST_CASE("vigild cib file: a copy the validator rejects is refused", "[vigild][cib-file]") {
    TempDir d;
    REQUIRE(vigild::save_cib(d.path, vigild::empty_cib()).ok());
    auto loaded = vigild::load_cib(
        d.path, [](const crm::xml::Node&) { return std::string("no nodes"); }, "x");
    CHECK_FALSE(loaded.cib);
    CHECK_THAT(loaded.log.at(0), Catch::Contains("invalid: no nodes"));
}
