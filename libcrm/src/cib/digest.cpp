#include "crm/cib/digest.h"

namespace crm::cib {

std::string config_digest(const xml::Node& cib) {
    const xml::Node* config = cib.first_child("configuration");
    if (!config)
        return sha256_hex("");
    return sha256_hex(xml::to_string(xml::canonical(*config), false));
}

std::string full_digest(const xml::Node& cib) {
    return sha256_hex(xml::to_string(xml::canonical(cib), false));
}

}  // namespace crm::cib
