#pragma once
#include <string>
#include <string_view>

#include "crm/xml/xml_node.h"

namespace crm {

// SHA-256 of data, as 64 lowercase hex digits.
std::string sha256_hex(std::string_view data);

namespace cib {
// Digest of the <configuration> section in canonical form (attribute order,
// whitespace and comments do not change it). Two nodes with the same digest
// run the same configuration.
std::string config_digest(const xml::Node& cib);
// Digest of the whole document in canonical form (configuration + status).
std::string full_digest(const xml::Node& cib);
}  // namespace cib

}  // namespace crm
