// A clone starting an instance, as 'first' of a symmetrical mandatory
// order: a 'then' clone restarts its instances that stay, a 'then'
// primitive restarts only when an instance starts on its node.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "scheduler_lines.h"

namespace {

// Clone f (clone-max 1, none running, leaning to node `f_node`)
// before `then` (id `then_id`), which runs on node2 as `lrm_id`; stickiness
// 50 everywhere, three online nodes.
std::string cib_text(const std::string& then, const std::string& then_id, const std::string& lrm_id,
                     const std::string& f_node) {
    return kCibHead +
           "<nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/>"
           "<node id=\"3\" uname=\"node3\"/></nodes><resources><clone id=\"f\">" +
           dummy_xml("fp") +
           "<meta_attributes id=\"f-m\"><nvpair id=\"f-max\" name=\"clone-max\" value=\"1\"/>"
           "</meta_attributes></clone>" +
           then +
           "</resources><rsc_defaults><meta_attributes id=\"rd\"><nvpair id=\"rd-s\" "
           "name=\"resource-stickiness\" value=\"50\"/></meta_attributes></rsc_defaults>"
           "<constraints><rsc_location id=\"lf\" rsc=\"f\" node=\"" +
           f_node + "\" score=\"100\"/><rsc_order id=\"ord\" first=\"f\" then=\"" + then_id +
           "\" kind=\"Mandatory\" symmetrical=\"true\"/></constraints></configuration><status>"
           "<node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" "
           "join=\"member\" expected=\"member\"/><node_state id=\"2\" uname=\"node2\" "
           "in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"><lrm id=\"2\">"
           "<lrm_resources>" +
           started_xml(lrm_id) +
           "</lrm_resources>"
           "</lrm></node_state><node_state id=\"3\" uname=\"node3\" in_ccm=\"true\" "
           "crmd=\"online\" join=\"member\" expected=\"member\"/></status></cib>";
}

bool has(const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

}  // namespace

TEST_CASE("a clone starting an instance restarts a 'then' clone's instances", "[scheduler]") {
    auto out = schedule_lines(
        cib_text("<clone id=\"t\">" + dummy_xml("tp") + "</clone>", "t", "tp", "node3"));
    CHECK(has(out, "action start f:fp node3"));
    CHECK(has(out, "action restart t:tp node2"));
}

TEST_CASE("a clone starting an instance restarts a 'then' primitive only on its node",
          "[scheduler]") {
    auto elsewhere = schedule_lines(cib_text(dummy_xml("t"), "t", "t", "node3"));
    CHECK(has(elsewhere, "action start f:fp node3"));
    CHECK_FALSE(has(elsewhere, "action restart t node2"));
    auto same = schedule_lines(cib_text(dummy_xml("t"), "t", "t", "node2"));
    CHECK(has(same, "action start f:fp node2"));
    CHECK(has(same, "action restart t node2"));
}
