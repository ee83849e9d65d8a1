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
