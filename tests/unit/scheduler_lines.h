#pragma once
// Shared by the scheduler's unit tests: a CIB's text scheduled as
// `vigil simulate` would, in the conformance corpus's canonical lines
// ("placement ...", "action ..."), which read like crm_simulate's results.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/scheduler/scheduler.h"
#include "crm/xml/xml_node.h"

inline std::vector<std::string> schedule_lines(const std::string& cib_text) {
    auto doc = crm::xml::parse(cib_text);
    REQUIRE(doc.ok());
    auto c = crm::cib::unpack(*doc);
    REQUIRE(c.ok());
    auto t = crm::scheduler::schedule(*c, {});
    REQUIRE(t.ok());
    return crm::scheduler::canonical_lines(*t);
}

// The opening of a test CIB up to its nodes: quorate, fencing disabled.
inline const std::string kCibHead =
    "<cib crm_feature_set=\"3.0.14\" validate-with=\"pacemaker-3.9\" epoch=\"1\" "
    "num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\"><configuration>"
    "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o1\" "
    "name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>";

// A Dummy primitive without parameters.
inline std::string dummy_xml(const std::string& id) {
    return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>";
}

// The lrm history of a Dummy started successfully (the digest of a Dummy
// without parameters), for a node_state's lrm_resources.
inline std::string started_xml(const std::string& id) {
    return "<lrm_resource id=\"" + id +
           "\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><lrm_rsc_op id=\"" + id +
           "_last_0\" operation_key=\"" + id +
           "_start_0\" operation=\"start\" transition-key=\"1:0:0:x\" "
           "transition-magic=\"0:0;1:0:0:x\" rc-code=\"0\" op-status=\"0\" call-id=\"11\" "
           "interval=\"0\" last-rc-change=\"1000\" "
           "op-digest=\"f2317cad3d54cec5d7d7aa7d0bf35cf8\"/></lrm_resource>";
}
