#pragma once
// The CIB on disk: <dir>/cib.xml and <dir>/cib.xml.sig (SHA-256 of the
// file's bytes). Written atomically so a crash leaves the old or the new
// copy, never a mix; a copy that fails its digest or validation is refused
// at start (kept aside as a backup, never overwritten) and the node takes
// the cluster's copy instead.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crm/common/result.h"
#include "crm/xml/xml_node.h"
#include "replica.h"

namespace vigild {

struct LoadedCib {
    std::optional<crm::xml::Node> cib;  // nullopt: none on disk, or refused
    std::vector<std::string> log;
};

// `stamp` names the backup of a refused copy (e.g. the start time).
LoadedCib load_cib(const std::string& dir, const Validator& validator, const std::string& stamp);

// temp file, fsync, rename, fsync the directory; the digest likewise.
crm::Status save_cib(const std::string& dir, const crm::xml::Node& cib);

}  // namespace vigild
