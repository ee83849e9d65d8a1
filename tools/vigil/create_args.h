#pragma once
// Reads the words after `vigil resource create ID AGENT` (pcs syntax):
//   k=v...  [op ACTION k=v... [ACTION k=v...]...]  [meta k=v...]
//   [clone [CLONE_ID] [k=v...]]
// Options (--group, --before, --after, --disabled, --clone) are taken out
// by the caller first.
#include <string>
#include <vector>

#include "crm/common/result.h"
#include "crm/edit/resource_edit.h"

namespace vigil {

struct CreateWords {
    crm::edit::NvList params;
    std::vector<crm::edit::OpSpec> ops;
    crm::edit::NvList meta;
    bool clone = false;
    std::string clone_id;
    crm::edit::NvList clone_meta;
};

crm::Result<CreateWords> parse_create_words(const std::vector<std::string>& words);

// "op ACTION k=v..." groups as in `resource update`.
crm::Result<CreateWords> parse_update_words(const std::vector<std::string>& words);

}  // namespace vigil
