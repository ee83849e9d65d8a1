#pragma once
// Helpers shared by the unpack_*.cpp files (private to libcrm).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crm/cib/cib.h"
#include "crm/xml/xml_node.h"

namespace crm::cib::detail {

// "<primitive id='x'>" style reference for messages.
std::string describe(const xml::Node& n);

std::optional<std::int64_t> parse_int(const std::string& text);
std::optional<bool> parse_optional_bool(const xml::Node& n, const char* attribute);

Result<Rule> unpack_rule(const xml::Node& n);
Result<NvSet> unpack_nvset(const xml::Node& n);
// All child sets of one element name (e.g. every <meta_attributes> of a primitive).
Result<std::vector<NvSet>> unpack_nvsets(const xml::Node& parent, const char* element);

Result<Resource> unpack_resource(const xml::Node& n, std::vector<std::string>& unsupported);
crm::Status unpack_constraints(const xml::Node& constraints, Configuration& out);
Result<cib::Status> unpack_status(const xml::Node& status);

}  // namespace crm::cib::detail
