#pragma once
// Whole-configuration edits: what `configure load replace|update` and
// `cib push` do with a <configuration> read from a file.
#include "crm/edit/common.h"

namespace crm::edit {

// The CIB with its <configuration> replaced; version and status are kept.
Result<xml::Node> replace_configuration(const xml::Node& cib, const xml::Node& configuration);

// Merges: properties and defaults by set id then name; nodes by id; top
// level resources and constraints by id (replacing the element with the
// same id, appending new ones). Nothing is removed.
Result<xml::Node> update_configuration(const xml::Node& cib, const xml::Node& configuration);

}  // namespace crm::edit
