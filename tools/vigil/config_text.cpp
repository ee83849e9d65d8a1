#include "config_text.h"

#include "crm/cib/cib.h"
#include "crm/common/strings.h"
#include "crm/syntax/configure.h"

namespace vigil {

crm::Result<crm::xml::Node> read_configuration(const std::string& text) {
    std::string_view t = crm::trim(text);
    if (!t.empty() && t.front() == '<') {
        auto doc = crm::xml::parse(text);
        if (!doc)
            return crm::Error{"XML: " + doc.error()};
        if (doc->name == "configuration")
            return std::move(*doc);
        if (doc->name == "cib") {
            if (const crm::xml::Node* c = doc->first_child("configuration"))
                return *c;
            return crm::Error{"the <cib> document has no <configuration>"};
        }
        return crm::Error{"XML root is <" + doc->name + ">; expected <cib> or <configuration>"};
    }
    auto conf = crm::syntax::parse_configure(text);
    if (!conf)
        return crm::Error{conf.error()};
    return conf;
}

crm::Result<std::string> configure_text(const crm::xml::Node& cib) {
    auto typed = crm::cib::unpack(cib);
    if (!typed)
        return crm::Error{"the CIB cannot be read: " + typed.error()};
    return crm::syntax::print_configure(*typed, cib);
}

}  // namespace vigil
