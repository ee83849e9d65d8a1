#pragma once
// Shared pieces of the CIB edit operations: name/value lists as typed on a
// command line, the error convention that lets callers tell "not found" from
// "invalid", and lookups inside <configuration> (never the status section,
// where lrm_resource elements reuse resource ids).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/common/result.h"
#include "crm/xml/xml_node.h"

namespace crm::edit {

using NvList = std::vector<std::pair<std::string, std::string>>;

// Every edit error that means "the thing named does not exist" starts with
// this prefix ("no resource 'X'; did you mean 'Y'?"), so the CLI can map it to
// its not-found exit code; every other error is an invalid request.
inline constexpr std::string_view kNotFoundPrefix = "no ";
inline bool is_not_found(const std::string& message) {
    return message.rfind(kNotFoundPrefix, 0) == 0;
}

// Finds the sections of a CIB, creating the missing ones (a fresh CIB may
// lack rsc_defaults or constraints).
xml::Node& configuration(xml::Node& cib);
xml::Node& section(xml::Node& cib, std::string_view name);  // crm_config, nodes, resources, ...
const xml::Node* find_section(const xml::Node& cib, std::string_view name);

// A resource element (primitive, group, clone, master, bundle) anywhere under
// <resources>; parent receives its container (resources, group or clone).
xml::Node* find_resource(xml::Node& cib, std::string_view id, xml::Node** parent = nullptr);
const xml::Node* find_resource(const xml::Node& cib, std::string_view id);
bool is_resource_element(std::string_view element_name);
// Every resource id (all levels), in document order.
std::vector<std::string> resource_ids(const xml::Node& cib);

// Any element with this id inside <configuration>.
const xml::Node* find_config_id(const xml::Node& cib, std::string_view id);

// "no resource 'IPVirtual_3'; did you mean 'IPVirtual_2'?" (the suggestion
// only when one is close enough).
Error not_found(std::string_view what, std::string_view name,
                const std::vector<std::string>& candidates);
// The closest candidate by edit distance, or "" when none is plausible.
std::string closest(std::string_view name, const std::vector<std::string>& candidates);

// Pacemaker ids are XML IDs: a letter or '_' first, then letters, digits,
// '_', '-', '.'. Returns an error naming the bad character and the fix.
Status check_id(std::string_view id, std::string_view what);
// Turns arbitrary text into a valid id fragment (pcs does the same for
// generated ids: bad characters become '_').
std::string sanitize_id(std::string_view text);
// base, or base-1, base-2... whichever is unused in the configuration.
std::string unique_id(const xml::Node& cib, const std::string& base);

// Sets name=value in an nvset element, creating the nvpair with id
// "<set id>-<name>"; an empty value removes the pair.
void set_nvpair(xml::Node& set, const std::string& name, const std::string& value,
                const xml::Node& cib);
// The first child set of that element name, created with `id` if absent.
xml::Node& ensure_set(xml::Node& parent, std::string_view element, const std::string& id);

}  // namespace crm::edit
