// The "Daemon Status" part of `vigil status` (pcs status's last section),
// text and XML, from a fixed view.
#include <catch2/catch.hpp>

#include "crm/cib/cib.h"
#include "crm/status/render.h"
#include "crm/status/view.h"

namespace status = crm::status;
namespace xml = crm::xml;

namespace {

status::ClusterView seed_view() {
    auto doc = xml::parse_file(std::string(VIGIL_SOURCE_DIR) + "/tests/cli/data/seed-running.xml");
    REQUIRE(doc.ok());
    auto cib = crm::cib::unpack(*doc);
    REQUIRE(cib.ok());
    return status::build_view(*cib, status::membership_from_cib(*cib));
}

std::string after(const std::string& text, const std::string& marker) {
    auto pos = text.find(marker);
    return pos == std::string::npos ? std::string() : text.substr(pos);
}

}  // namespace

TEST_CASE("daemon status: pcs's active/enabled under systemd, active alone without", "[status]") {
    auto v = seed_view();
    status::TextOptions o;
    CHECK(status::render_text(v, o).find("Daemon Status") == std::string::npos);

    v.daemons = {{"corosync", true, true}, {"vigild", false, false}};
    CHECK(after(status::render_text(v, o), "\nDaemon Status:") ==
          "\nDaemon Status:\n"
          "  corosync: active/enabled\n"
          "  vigild: inactive/disabled\n");

    v.daemons = {{"corosync", false, std::nullopt}, {"vigild", true, std::nullopt}};
    CHECK(after(status::render_text(v, o), "\nDaemon Status:") ==
          "\nDaemon Status:\n"
          "  corosync: inactive\n"
          "  vigild: active\n");
}

TEST_CASE("daemon status in the XML form: an optional last element", "[status]") {
    auto v = seed_view();
    CHECK(status::render_xml(v).first_child("daemons") == nullptr);
    v.daemons = {{"corosync", true, std::nullopt}, {"vigild", true, false}};
    xml::Node x = status::render_xml(v);
    REQUIRE(!x.children.empty());
    const xml::Node& last = x.children.back();
    CHECK(last.name == "daemons");
    auto ds = last.children_named("daemon");
    REQUIRE(ds.size() == 2);
    CHECK(ds[0]->attr("name") == "corosync");
    CHECK(ds[0]->attr("active") == "true");
    CHECK(ds[0]->attr("enabled") == "unknown");
    CHECK(ds[1]->attr("name") == "vigild");
    CHECK(ds[1]->attr("enabled") == "false");
}
